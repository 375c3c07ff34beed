// CPU lists in the kernel's cpuset form (`0-3,8,10-11`), as podman --cpuset-cpus and taskset take them.

/** Highest CPU number accepted; far above real machines, low enough to keep lists small. */
export const MAX_CPU = 8191;

/** The CPUs of a list, sorted and without repeats; throws an Error saying what is wrong. */
export function parseCpuset(text: string): number[] {
  const cpus = new Set<number>();
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('the CPU list is empty');
  for (const part of trimmed.split(',')) {
    const item = part.trim();
    const match = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (match === null) throw new Error(`'${shown(item)}' is not a CPU number or a range like 0-3`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new Error(`range '${item}' runs backwards`);
    if (last > MAX_CPU) throw new Error(`CPU ${last} is above ${MAX_CPU}`);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** A list item as a message shows it: escaped (a newline must not break the line) and cut when long. */
function shown(item: string): string {
  const escaped = JSON.stringify(item).slice(1, -1);
  return escaped.length > 40 ? `${escaped.slice(0, 40)}...` : escaped;
}

/** Why the list is invalid, or undefined when it is fine. */
export function checkCpuset(text: string): string | undefined {
  try {
    parseCpuset(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** How many CPUs the list names. */
export function countCpus(text: string): number {
  return parseCpuset(text).length;
}

/** The shortest list form of these CPUs: [0,1,2,3,8] gives `0-3,8`. */
export function formatCpuset(cpus: Iterable<number>): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  const flush = (): void => {
    if (start === undefined || previous === undefined) return;
    parts.push(start === previous ? String(start) : `${start}-${previous}`);
  };
  for (const cpu of sorted) {
    if (previous !== undefined && cpu === previous + 1) {
      previous = cpu;
      continue;
    }
    flush();
    start = cpu;
    previous = cpu;
  }
  flush();
  return parts.join(',');
}

/** Why `cpuset` cannot be pinned to on a host whose online CPUs are `online`, or undefined when it can. */
export function checkCpusetOnline(
  cpuset: string,
  online: readonly number[],
  host: string,
): string | undefined {
  const have = new Set(online);
  const missing = parseCpuset(cpuset).filter((cpu) => !have.has(cpu));
  if (missing.length === 0) return undefined;
  const which = missing.length === 1 ? `CPU ${missing[0]}` : `CPUs ${formatCpuset(missing)}`;
  return `cpuset ${cpuset} names ${which}, which host ${host} does not have (its online CPUs: ${formatCpuset(online)})`;
}

// Linux CPU lists as in cpuset.cpus, Cpus_allowed_list and /sys/devices/system/cpu/online: "0-3,8,10-11".

/** The CPUs of a list, ascending and unique; throws on anything that is not a CPU list. */
export function parseCpuList(text: string): number[] {
  const cpus = new Set<number>();
  const trimmed = text.trim();
  if (trimmed === '') return [];
  for (const part of trimmed.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) throw new Error(`not a CPU list: '${text}' (expected e.g. 0-3,8)`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new Error(`not a CPU list: '${text}' (range ${part} runs backwards)`);
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

// Splits a preset's cpuset between a server's instances: consecutive CPUs, as even as the count allows.
import { formatCpuset, parseCpuset } from './cpuset.ts';

/** `0-7` for 3 instances gives `0-2`, `3-5`, `6-7`: the first ones take the remainder; throws when too few. */
export function splitCpuset(cpuset: string, instances: number): string[] {
  const cpus = parseCpuset(cpuset);
  if (cpus.length < instances) {
    throw new Error(
      `cpuset ${cpuset} has ${cpus.length} CPU${cpus.length === 1 ? '' : 's'}, fewer than the ${instances} instances; ` +
        'give each instance at least one CPU, or drop the cpuset',
    );
  }
  const size = Math.floor(cpus.length / instances);
  const extra = cpus.length % instances;
  const shares: string[] = [];
  let start = 0;
  for (let i = 0; i < instances; i += 1) {
    const end = start + size + (i < extra ? 1 : 0);
    shares.push(formatCpuset(cpus.slice(start, end)));
    start = end;
  }
  return shares;
}

// A cpuset for a server on this machine must name CPUs this machine has: neither podman nor taskset could
// pin to the others, and deploy would refuse it. (An SSH host's CPUs are only known to deploy.)
import { checkCpusetOnline } from './cpuset.ts';
import type { NodeReader } from './node-reader.ts';
import { presetValueSource } from './preset-source.ts';
import type { HostConfig, PresetConfig, ResolvedPreset } from './types.ts';

/** Reports the line that set `resolved.cpuset` when `localCpus` lacks some of its CPUs (once per line). */
export function checkLocalCpuset(
  reader: NodeReader,
  resolved: ResolvedPreset,
  chain: readonly PresetConfig[],
  host: HostConfig,
  localCpus: readonly number[],
  reported: Set<string>,
): void {
  if (resolved.cpuset === undefined || host.connection !== 'local') return;
  const problem = checkCpusetOnline(resolved.cpuset, localCpus, host.name);
  const source = presetValueSource(chain, host, 'cpuset');
  if (problem === undefined || source === undefined || reported.has(source)) return;
  reported.add(source);
  reader.issues.error(
    reader.nodeAt(source),
    source,
    `${problem}; expected CPUs this machine has, as servers on host ${host.name} run here`,
  );
}

// Physical cores behind a cpuset, from sysfs: llama.cpp wants one thread per physical core (server-ops.md §1).
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { formatCpuset, parseCpuset } from './cpuset.ts';

export const SYSFS_CPU_ROOT = '/sys/devices/system/cpu';

/** Which logical CPUs share a physical core, per online CPU. */
export interface CpuTopology {
  online: number[];
  /** CPU -> its hyperthread siblings (itself included), as thread_siblings_list says. */
  siblings: Map<number, number[]>;
}

export interface CoreCount {
  logicalCpus: number;
  physicalCores: number;
  /** CPUs of the set that are offline or absent, so not counted. */
  missingCpus: number[];
}

/** This machine's online CPUs (sysfs, else as many as os.cpus() lists); undefined when neither says. */
export async function readOnlineCpus(root = SYSFS_CPU_ROOT): Promise<number[] | undefined> {
  try {
    return parseCpuset(await readFile(join(root, 'online'), 'utf8'));
  } catch {
    const count = cpus().length;
    return count > 0 ? Array.from({ length: count }, (_, cpu) => cpu) : undefined;
  }
}

/** Reads the online CPUs and their siblings; `root` is injectable so tests use a fake tree. */
export async function readCpuTopology(root = SYSFS_CPU_ROOT): Promise<CpuTopology> {
  const online = parseCpuset(await readFile(join(root, 'online'), 'utf8'));
  const siblings = new Map<number, number[]>();
  for (const cpu of online) {
    const file = join(root, `cpu${cpu}`, 'topology', 'thread_siblings_list');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    // Without topology (some VMs) a CPU counts as its own core.
    siblings.set(cpu, text === undefined ? [cpu] : parseCpuset(text));
  }
  return { online, siblings };
}

/** Physical cores among the CPUs of `cpuset` (all online CPUs when undefined). */
export function physicalCoresIn(cpuset: string | number[] | undefined, topology: CpuTopology): CoreCount {
  const cpus =
    cpuset === undefined ? topology.online : typeof cpuset === 'string' ? parseCpuset(cpuset) : cpuset;
  const cores = new Set<string>();
  const missingCpus: number[] = [];
  let logicalCpus = 0;
  for (const cpu of cpus) {
    const siblings = topology.siblings.get(cpu);
    if (siblings === undefined) {
      missingCpus.push(cpu);
      continue;
    }
    logicalCpus++;
    cores.add(formatCpuset(siblings));
  }
  return { logicalCpus, physicalCores: cores.size, missingCpus };
}

/** Warnings when generation threads exceed the physical cores the server may use. */
export function checkThreadsAgainstCores(
  preset: { threadsGen: number; threadsBatch: number; cpuset?: string },
  topology: CpuTopology,
): string[] {
  const where = preset.cpuset === undefined ? 'this machine' : `cpuset ${preset.cpuset}`;
  const count = physicalCoresIn(preset.cpuset, topology);
  const warnings: string[] = [];
  if (count.missingCpus.length > 0) {
    warnings.push(`cpuset: CPUs ${formatCpuset(count.missingCpus)} are offline or absent on this machine`);
  }
  // With a cpuset, counts above its logical CPUs are already reported by resolvePreset.
  const covered = (threads: number): boolean => preset.cpuset !== undefined && threads > count.logicalCpus;
  if (preset.threadsGen > count.physicalCores && !covered(preset.threadsGen)) {
    warnings.push(
      `threads_gen ${preset.threadsGen} exceeds the ${count.physicalCores} physical cores of ${where} ` +
        `(${count.logicalCpus} logical CPUs); generation usually runs best with one thread per physical core`,
    );
  }
  if (preset.threadsBatch > count.logicalCpus && !covered(preset.threadsBatch)) {
    warnings.push(
      `threads_batch ${preset.threadsBatch} exceeds the ${count.logicalCpus} logical CPUs of ${where}`,
    );
  }
  return warnings;
}

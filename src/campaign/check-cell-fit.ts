// Whether a server configuration can run on its host: memory per instance (model file + KV cache per slot x
// slots + overhead) against the host's RAM, or VRAM when it has a GPU; threads against the CPUs it may use.
// Pure: the host's facts are read elsewhere (host-capacity.ts).
import type { CacheType } from '../config/types.ts';

/** What the host offers, as diagnose's host sampler sees it. */
export interface HostCapacity {
  memoryBytes: number;
  memoryKind: 'RAM' | 'VRAM';
  /** Online CPUs of the host. */
  cpus: number;
}

/** What the check needs of a resolved preset. */
export interface FitInput {
  instances: number;
  parallelSlots: number;
  ctxPerSlot: number;
  /** The server's thread counts; absent for kinds that take none from the preset (vLLM, Ollama). */
  threads?: { gen: number; batch: number };
  /** CPUs of the preset's cpuset, when it has one. */
  cpusetCpus?: number;
  cacheTypeK?: CacheType;
  cacheTypeV?: CacheType;
  modelBytes: number;
  /** KV cache bytes per token of context at f16. */
  kvBytesPerToken: number;
  overheadBytes: number;
}

// Bytes per element of each KV cache type relative to f16 (block formats include their scales).
const CACHE_SCALE: Record<CacheType, number> = {
  f32: 2,
  f16: 1,
  bf16: 1,
  q8_0: 34 / 64,
  q5_1: 24 / 64,
  q5_0: 22 / 64,
  q4_1: 20 / 64,
  q4_0: 18 / 64,
  iq4_nl: 18 / 64,
};

/** Memory one instance is expected to take, in bytes. */
export function estimateInstanceBytes(input: FitInput): number {
  const scale =
    ((CACHE_SCALE[input.cacheTypeK ?? 'f16'] ?? 1) + (CACHE_SCALE[input.cacheTypeV ?? 'f16'] ?? 1)) / 2;
  const kv = input.kvBytesPerToken * scale * input.ctxPerSlot * input.parallelSlots;
  return input.modelBytes + kv + input.overheadBytes;
}

/** Why the configuration cannot run on the host, or undefined when it fits. */
export function checkCellFit(input: FitInput, host: HostCapacity): string | undefined {
  const perInstance = estimateInstanceBytes(input);
  const total = perInstance * input.instances;
  if (total > host.memoryBytes)
    return (
      `needs about ${formatGiB(total)} (${input.instances} x ${formatGiB(perInstance)}: model ${formatGiB(input.modelBytes)} + KV cache ` +
      `${input.parallelSlots} slots x ${input.ctxPerSlot} tokens + overhead), the host has ${formatGiB(host.memoryBytes)} of ${host.memoryKind}`
    );
  // With a cpuset each instance gets its share of it; without one each may use the whole host.
  const cpus = input.cpusetCpus === undefined ? host.cpus : Math.floor(input.cpusetCpus / input.instances);
  const where =
    input.cpusetCpus === undefined
      ? `the host's ${host.cpus} CPUs`
      : `its share of the cpuset (${cpus} of ${input.cpusetCpus} CPUs for ${input.instances} instance${input.instances === 1 ? '' : 's'})`;
  if (cpus < 1) return `${where}: no CPU left per instance`;
  const threads = input.threads ? Math.max(input.threads.gen, input.threads.batch) : 0;
  if (threads > cpus) return `${threads} threads per instance exceed ${where}`;
  return undefined;
}

/** Bytes as GiB with two decimals (MiB below 1 GiB). */
export function formatGiB(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

// One recommendation per verdict, in config/llama.yaml's terms (parallel_slots, threads_gen, cpuset, ...).
import type { DiagnosisStats, Finding } from './diagnosis.ts';

/** What the preset under test set, when known. */
export interface PresetFacts {
  name: string;
  parallelSlots?: number;
  threadsGen?: number;
  threadsBatch?: number;
  ctxPerSlot?: number;
  cpuset?: string;
}

/** The recommendation that follows from the verdict. */
export function recommend(
  verdict: Finding,
  stats: DiagnosisStats,
  preset: PresetFacts | undefined,
  physicalCores: number | undefined,
): string {
  const slots = preset?.parallelSlots ?? stats.totalSlots;
  const deferred = stats.meanDeferred ?? 0;
  const cores = physicalCores ?? stats.cpus.length;
  const threads = preset?.threadsGen;
  switch (verdict.kind) {
    case 'client-bound':
      return 'run the load generator on another machine, or with a real k6 (ENGINE=k6): these numbers understate the server';
    case 'memory-pressure':
      return `lower ctx_per_slot${preset?.ctxPerSlot ? ` (now ${preset.ctxPerSlot})` : ''} or parallel_slots, or quantise the KV cache (cache_type_k/cache_type_v: q8_0): the KV cache grows with both`;
    case 'thermal-throttling':
      return 'improve cooling or cap the power limit before tuning: throttled runs do not repeat';
    case 'gpu-bound': {
      const from = verdict.evidence['from'];
      return typeof from === 'number'
        ? `the GPU is saturated: beyond about ${from} concurrent requests more parallel_slots only add latency; for a latency budget keep parallel_slots near ${from}`
        : 'the GPU is saturated: more parallel_slots only add latency; a smaller model, a lower-bit quantisation or another GPU raise the ceiling';
    }
    case 'cpu-bound':
      if (threads !== undefined && threads < cores)
        return `raise threads_gen to ${cores} (now ${threads}): the server's cores were saturated with threads to spare`;
      return `the server's cores are saturated: give it more cores (cpuset${preset?.cpuset ? `, now ${preset.cpuset}` : ''}) or offload layers to a GPU (gpu_layers); more slots would only queue the same work`;
    case 'queueing':
      return `the server is at capacity: requests queue behind ${slots ?? 'its'} busy slots on saturated hardware; lower the load or add hardware, since raising parallel_slots would only lengthen each request`;
    case 'slot-bound': {
      const target = Math.max((slots ?? 0) + Math.ceil(deferred), (slots ?? 0) + 1);
      return `raise parallel_slots to ${target}${slots === undefined ? '' : ` (now ${slots})`}: slots were ${Math.round((stats.slotsFullShare ?? 0) * 100)}% of the time all busy with ${deferred} requests deferred on average; keep ctx_per_slot, the context grows to ${target} x ctx_per_slot`;
    }
    case 'few-cores-hot':
      return threads !== undefined && threads < cores
        ? `raise threads_gen and threads_batch to ${cores} (now ${threads}): one core did the work while the others idled`
        : `set threads_gen and threads_batch to the ${cores} physical cores of the cpuset: llama.cpp sizes its threads from the host, not the cpuset, and one core did the work while the others idled`;
    case 'not-saturated':
      return 'raise the load: a heavier profile (PROFILE=heavy or saturation) or MODE=rate with a higher RATE';
    case 'insufficient-data':
      return 'check that the samplers could reach the host and the server (see the gaps)';
  }
}

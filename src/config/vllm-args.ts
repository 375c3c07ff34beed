// A resolved preset as `vllm serve` arguments, where vLLM has an equivalent.
import {
  ignoredKeysWarning,
  OLLAMA_ONLY_KEYS,
  repeatedFlagWarnings,
  type LaunchArgs,
} from './launch-types.ts';
import type { CacheType, ResolvedPreset, ServerConfig } from './types.ts';

const OWN_FLAGS = [
  '--host',
  '--port',
  '--max-num-seqs',
  '--max-model-len',
  '--max-num-batched-tokens',
  '--kv-cache-dtype',
  '--tensor-parallel-size',
  '--pipeline-parallel-size',
  '--data-parallel-size',
  '--gpu-memory-utilization',
];
const UNQUANTIZED: readonly CacheType[] = ['f32', 'f16', 'bf16'];

/** Arguments after `vllm serve`: the model first (vLLM refuses --model there, vllm#17944), then the flags. */
export function vllmArgs(preset: ResolvedPreset, server: ServerConfig): LaunchArgs {
  const args: string[] = server.model === undefined ? [] : [server.model];
  const warnings: string[] = [];
  args.push('--host', server.listenAddress, '--port', String(server.port));
  args.push('--max-num-seqs', String(preset.parallelSlots));
  // vLLM's max-model-len is already per request, the same as ctx_per_slot.
  args.push('--max-model-len', String(preset.ctxPerSlot));
  // The nearest thing to llama.cpp's logical batch: the tokens one scheduler step may process.
  if (preset.setKeys.includes('batchSize')) args.push('--max-num-batched-tokens', String(preset.batchSize));
  const optional = [
    ['--tensor-parallel-size', preset.tensorParallel],
    ['--pipeline-parallel-size', preset.pipelineParallel],
    ['--data-parallel-size', preset.dataParallel],
    ['--gpu-memory-utilization', preset.gpuMemoryUtilization],
  ] as const;
  for (const [flag, value] of optional) if (value !== undefined) args.push(flag, String(value));
  const kv = kvCacheDtype(preset, warnings);
  if (kv !== undefined) args.push('--kv-cache-dtype', kv);
  const extra = [...preset.extraArgs, ...server.extraArgs];
  args.push(...extra);
  warnings.push(...repeatedFlagWarnings(extra, OWN_FLAGS));
  if (server.model === undefined) warnings.push('no model is set; vllm serve needs one');
  warnings.push(
    ...ignoredKeysWarning(
      'vllm',
      preset,
      ['threadsGen', 'threadsBatch', 'threadsHttp', 'ubatchSize', 'gpuLayers', 'flashAttn'],
      'vLLM has no equivalent flag (it picks threads and the attention backend itself and keeps every layer on the GPU)',
    ),
    ...ignoredKeysWarning('vllm', preset, OLLAMA_ONLY_KEYS, 'they are Ollama settings'),
  );
  if (!preset.contBatching)
    warnings.push('vllm ignores preset key cont_batching: false; vLLM always batches continuously');
  return { args, warnings };
}

/** vLLM has one KV dtype for K and V and no llama.cpp block formats; q8_0 becomes fp8, the same size. */
function kvCacheDtype(preset: ResolvedPreset, warnings: string[]): string | undefined {
  const { cacheTypeK: k, cacheTypeV: v } = preset;
  if (k === undefined && v === undefined) return undefined;
  if (k !== undefined && v !== undefined && k !== v) {
    warnings.push(
      `vllm has one KV cache dtype for K and V; cache_type_k ${k} and cache_type_v ${v} differ, so neither is passed`,
    );
    return undefined;
  }
  const type = k ?? v;
  if (type === undefined || UNQUANTIZED.includes(type)) return undefined;
  if (type === 'q8_0') {
    warnings.push('vllm has no q8_0 KV cache; passing --kv-cache-dtype fp8, also 8 bits per value');
    return 'fp8';
  }
  warnings.push(`vllm has no ${type} KV cache; the nearest is --kv-cache-dtype fp8 in extra_args`);
  return undefined;
}

// A resolved preset as `ollama serve` environment; thread and batch counts are request options there.
import { ignoredKeysWarning, VLLM_ONLY_KEYS, type LaunchEnv } from './launch-types.ts';
import type { CacheType, ResolvedPreset, ServerConfig } from './types.ts';

const OLLAMA_CACHE_TYPES: readonly CacheType[] = ['f16', 'q8_0', 'q4_0'];

/** OLLAMA_* variables for the preset, plus the per-request options (num_thread...) it cannot set globally. */
export function ollamaEnv(preset: ResolvedPreset, server: ServerConfig): LaunchEnv {
  const host = server.listenAddress.includes(':') ? `[${server.listenAddress}]` : server.listenAddress;
  const env: Record<string, string> = {
    OLLAMA_HOST: `${host}:${server.port}`,
    OLLAMA_NUM_PARALLEL: String(preset.parallelSlots),
    // Ollama's context length is per request; memory grows with NUM_PARALLEL x CONTEXT_LENGTH.
    OLLAMA_CONTEXT_LENGTH: String(preset.ctxPerSlot),
  };
  const warnings: string[] = [];
  if (preset.flashAttn === 'on' || preset.flashAttn === 'off') {
    env['OLLAMA_FLASH_ATTENTION'] = preset.flashAttn === 'on' ? '1' : '0';
  }
  if (preset.keepAlive !== undefined) env['OLLAMA_KEEP_ALIVE'] = preset.keepAlive;
  if (preset.maxLoadedModels !== undefined) env['OLLAMA_MAX_LOADED_MODELS'] = String(preset.maxLoadedModels);
  const cache = kvCacheType(preset, warnings);
  if (cache !== undefined) env['OLLAMA_KV_CACHE_TYPE'] = cache;

  // Ollama ignores the cpuset when picking threads too, so num_thread must travel with each request.
  const requestOptions: Record<string, number> = { num_thread: preset.threadsGen };
  if (preset.setKeys.includes('batchSize')) requestOptions['num_batch'] = preset.batchSize;
  if (typeof preset.gpuLayers === 'number') requestOptions['num_gpu'] = preset.gpuLayers;
  const listed = Object.entries(requestOptions).map(([k, v]) => `${k}: ${v}`);
  warnings.push(
    `ollama takes ${listed.join(', ')} only per request (options) or as Modelfile PARAMETER lines, not from the server`,
  );
  if (preset.gpuLayers === 'auto' || preset.gpuLayers === 'all') {
    warnings.push(
      `ollama ignores gpu_layers ${preset.gpuLayers}: it offloads what fits unless num_gpu is a number`,
    );
  }
  warnings.push(
    ...ignoredKeysWarning(
      'ollama',
      preset,
      ['threadsBatch', 'threadsHttp', 'ubatchSize', 'extraArgs'],
      'ollama serve has no equivalent setting or command-line option',
    ),
    ...ignoredKeysWarning('ollama', preset, VLLM_ONLY_KEYS, 'they are vLLM settings'),
  );
  if (server.extraArgs.length > 0)
    warnings.push('ollama serve takes no options; the server extra_args are dropped');
  if (!preset.contBatching) warnings.push('ollama ignores preset key cont_batching: false');
  return { env, requestOptions, warnings };
}

/** Ollama has one cache type for K and V, and only f16, q8_0 and q4_0. */
function kvCacheType(preset: ResolvedPreset, warnings: string[]): string | undefined {
  const { cacheTypeK: k, cacheTypeV: v } = preset;
  if (k === undefined && v === undefined) return undefined;
  if (k !== undefined && v !== undefined && k !== v) {
    warnings.push(
      `ollama has one KV cache type; cache_type_k ${k} and cache_type_v ${v} differ, so neither is set`,
    );
    return undefined;
  }
  const type = k ?? v;
  if (type !== undefined && OLLAMA_CACHE_TYPES.includes(type)) return type;
  warnings.push(
    `ollama has no ${type ?? ''} KV cache (only ${OLLAMA_CACHE_TYPES.join(', ')}); OLLAMA_KV_CACHE_TYPE is not set`,
  );
  return undefined;
}

// The preset keys as written in the file, each with its typed field.
import type { PresetKey } from './types.ts';

export const PRESET_FILE_KEYS = {
  parallel_slots: 'parallelSlots',
  threads_gen: 'threadsGen',
  threads_batch: 'threadsBatch',
  threads_http: 'threadsHttp',
  batch_size: 'batchSize',
  ubatch_size: 'ubatchSize',
  ctx_per_slot: 'ctxPerSlot',
  cpuset: 'cpuset',
  gpu_layers: 'gpuLayers',
  flash_attn: 'flashAttn',
  cache_type_k: 'cacheTypeK',
  cache_type_v: 'cacheTypeV',
  cont_batching: 'contBatching',
  extra_args: 'extraArgs',
  instances: 'instances',
  instance_base_port: 'instanceBasePort',
  proxy: 'proxy',
  proxy_balance: 'proxyBalance',
  proxy_keepalive: 'proxyKeepalive',
  proxy_connect_timeout: 'proxyConnectTimeout',
  proxy_read_timeout: 'proxyReadTimeout',
  proxy_retry: 'proxyRetry',
  tensor_parallel: 'tensorParallel',
  pipeline_parallel: 'pipelineParallel',
  data_parallel: 'dataParallel',
  gpu_memory_utilization: 'gpuMemoryUtilization',
  keep_alive: 'keepAlive',
  max_loaded_models: 'maxLoadedModels',
} as const satisfies Record<string, PresetKey>;

export type PresetFileKey = keyof typeof PRESET_FILE_KEYS;

export const PRESET_FILE_KEY_NAMES = Object.keys(PRESET_FILE_KEYS) as PresetFileKey[];

/** `threadsGen` -> `threads_gen`, for messages in the user's terms. */
export function fileKeyOf(key: PresetKey): string {
  return PRESET_FILE_KEY_NAMES.find((name) => PRESET_FILE_KEYS[name] === key) ?? key;
}

/** Keys a preset must end up with (directly, through extends, or from a host override). */
export const REQUIRED_PRESET_KEYS = [
  'parallelSlots',
  'threadsGen',
  'ctxPerSlot',
] as const satisfies PresetKey[];

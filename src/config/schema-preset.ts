// Reads preset values (under `presets.NAME` and a host's `preset_overrides.NAME`) with located errors.
import { isScalar, type Node } from 'yaml';
import { checkCpuset } from './cpuset.ts';
import { quoteValue, type Entry, type NodeReader } from './node-reader.ts';
import { PRESET_FILE_KEY_NAMES } from './preset-keys.ts';
import {
  CACHE_TYPES,
  PROXY_BALANCES,
  type FlashAttnMode,
  type GpuLayers,
  type PresetConfig,
  type PresetValues,
} from './types.ts';

const MAX_THREADS = 1024;
const MAX_TOKENS = 16_777_216;
const MAX_INSTANCES = 256;
const MAX_TIMEOUT_SECONDS = 86_400;
// Go's time.ParseDuration as Ollama reads OLLAMA_KEEP_ALIVE, or whole seconds; negative keeps it loaded.
const KEEP_ALIVE = /^-?(?:\d+|(?:\d+(?:\.\d+)?(?:ns|us|ms|s|m|h))+)$/;
const KEEP_ALIVE_EXPECTED = 'a duration like 5m, 1h30m, 0 or -1 (keep loaded)';

/** Reads the tunable keys present in `entries`; unknown keys are the caller's business. */
export function readPresetValues(reader: NodeReader, entries: Map<string, Entry>): PresetValues {
  const int = (key: string, min: number, max: number): number | undefined =>
    reader.int(entries.get(key), min, max);
  const values: PresetValues = {
    parallelSlots: int('parallel_slots', 1, 1024),
    threadsGen: int('threads_gen', 1, MAX_THREADS),
    threadsBatch: int('threads_batch', 1, MAX_THREADS),
    threadsHttp: int('threads_http', 1, MAX_THREADS),
    batchSize: int('batch_size', 1, MAX_TOKENS),
    ubatchSize: int('ubatch_size', 1, MAX_TOKENS),
    ctxPerSlot: int('ctx_per_slot', 64, MAX_TOKENS),
    cpuset: readCpuset(reader, entries.get('cpuset')),
    gpuLayers: readGpuLayers(reader, entries.get('gpu_layers')),
    flashAttn: readFlashAttn(reader, entries.get('flash_attn')),
    cacheTypeK: reader.oneOf(entries.get('cache_type_k'), CACHE_TYPES),
    cacheTypeV: reader.oneOf(entries.get('cache_type_v'), CACHE_TYPES),
    contBatching: reader.boolean(entries.get('cont_batching')),
    extraArgs: reader.stringList(entries.get('extra_args')),
    instances: int('instances', 1, MAX_INSTANCES),
    instanceBasePort: int('instance_base_port', 1, 65535),
    proxy: reader.boolean(entries.get('proxy')),
    proxyBalance: reader.oneOf(entries.get('proxy_balance'), PROXY_BALANCES),
    proxyKeepalive: int('proxy_keepalive', 0, 65536),
    proxyConnectTimeout: int('proxy_connect_timeout', 1, MAX_TIMEOUT_SECONDS),
    proxyReadTimeout: int('proxy_read_timeout', 1, MAX_TIMEOUT_SECONDS),
    proxyRetry: reader.boolean(entries.get('proxy_retry')),
    tensorParallel: int('tensor_parallel', 1, 1024),
    pipelineParallel: int('pipeline_parallel', 1, 1024),
    dataParallel: int('data_parallel', 1, 1024),
    gpuMemoryUtilization: readFraction(reader, entries.get('gpu_memory_utilization')),
    keepAlive: reader.string(entries.get('keep_alive'), KEEP_ALIVE_EXPECTED, true, {
      expected: KEEP_ALIVE_EXPECTED,
      problem: (text) => (KEEP_ALIVE.test(text) ? undefined : 'not a duration'),
    }),
    maxLoadedModels: int('max_loaded_models', 1, 1024),
  };
  // Keep only what was present and valid, so a later merge never overwrites a value with undefined.
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as PresetValues;
}

/** Reads one `presets.NAME` mapping. */
export function readPreset(reader: NodeReader, name: string, entry: Entry): PresetConfig {
  const entries = reader.map(entry.value, entry.path, entry.keyNode);
  if (entries === undefined) return { name, values: {} };
  reader.rejectUnknown(entries, ['extends', 'description', ...PRESET_FILE_KEY_NAMES], `preset '${name}'`);
  const parent = reader.string(entries.get('extends'), 'the name of another preset');
  const description = reader.string(entries.get('description'));
  return {
    name,
    ...(parent === undefined ? {} : { extends: parent }),
    ...(description === undefined ? {} : { description }),
    values: readPresetValues(reader, entries),
  };
}

function readCpuset(reader: NodeReader, entry: Entry | undefined): string | undefined {
  const expected = 'a CPU list like "0-15" or "0-3,8,10-11"';
  const text = reader.string(entry, expected, true);
  if (entry === undefined || text === undefined) return undefined;
  const problem = checkCpuset(text);
  if (problem === undefined) return text.replace(/\s+/g, '');
  reader.issues.error(entry.value, entry.path, `expected ${expected}, got ${quoteValue(text)}: ${problem}`);
  return undefined;
}

/** A share above 0 and at most 1, such as vLLM's gpu_memory_utilization 0.9. */
function readFraction(reader: NodeReader, entry: Entry | undefined): number | undefined {
  if (entry === undefined) return undefined;
  const value = scalarValue(entry.value);
  if (typeof value === 'number' && value > 0 && value <= 1) return value;
  reader.fail(entry, 'a number above 0 and at most 1, e.g. 0.9');
  return undefined;
}

function readGpuLayers(reader: NodeReader, entry: Entry | undefined): GpuLayers | undefined {
  if (entry === undefined) return undefined;
  const value = scalarValue(entry.value);
  if (value === 'auto' || value === 'all') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000) return value;
  reader.fail(entry, 'a layer count from 0 to 100000, auto or all');
  return undefined;
}

/** `on`, `off`, `auto`, or a boolean for on/off. */
function readFlashAttn(reader: NodeReader, entry: Entry | undefined): FlashAttnMode | undefined {
  if (entry === undefined) return undefined;
  const value = scalarValue(entry.value);
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (value === 'on' || value === 'off' || value === 'auto') return value;
  reader.fail(entry, 'on, off or auto');
  return undefined;
}

function scalarValue(node: Node | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

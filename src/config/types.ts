// The typed shape of config/llama.yaml after validation (camelCase here, snake_case in the file).

export const SERVER_KINDS = ['llama.cpp', 'vllm', 'ollama', 'openai'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** `external`: already running elsewhere; inferload only sends it load, it never deploys it. */
export const SERVER_RUNTIMES = ['podman', 'quadlet', 'process', 'external'] as const;
export type ServerRuntime = (typeof SERVER_RUNTIMES)[number];

/** llama.cpp's KV cache types (llama-server --help, build 11669). */
export const CACHE_TYPES = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'iq4_nl', 'q5_0', 'q5_1'] as const;
export type CacheType = (typeof CACHE_TYPES)[number];

export const FLASH_ATTN_MODES = ['on', 'off', 'auto'] as const;
export type FlashAttnMode = (typeof FLASH_ATTN_MODES)[number];

/** `strict`: the key must already be in known_hosts; `accept-new`: an unknown host's key is recorded on first use. */
export const KNOWN_HOSTS_POLICIES = ['strict', 'accept-new'] as const;
export type KnownHostsPolicy = (typeof KNOWN_HOSTS_POLICIES)[number];

export type GpuLayers = number | 'auto' | 'all';

/** How nginx spreads requests over a server's instances (its upstream `least_conn`, or the default). */
export const PROXY_BALANCES = ['round_robin', 'least_conn'] as const;
export type ProxyBalance = (typeof PROXY_BALANCES)[number];

/** The tunable keys of a preset; every one is optional so presets can extend and hosts can override. */
export interface PresetValues {
  parallelSlots?: number;
  threadsGen?: number;
  threadsBatch?: number;
  threadsHttp?: number;
  batchSize?: number;
  ubatchSize?: number;
  ctxPerSlot?: number;
  cpuset?: string;
  gpuLayers?: GpuLayers;
  flashAttn?: FlashAttnMode;
  cacheTypeK?: CacheType;
  cacheTypeV?: CacheType;
  contBatching?: boolean;
  extraArgs?: string[];
  /** Server instances on consecutive ports, behind nginx on the server's port when more than one. */
  instances?: number;
  /** The first instance's port (default: the server's port + 1). */
  instanceBasePort?: number;
  /** nginx in front even of one instance (default: only when instances > 1). */
  proxy?: boolean;
  proxyBalance?: ProxyBalance;
  /** Idle keepalive connections nginx keeps to the instances, per worker. */
  proxyKeepalive?: number;
  /** Seconds. */
  proxyConnectTimeout?: number;
  /** Seconds between two reads from an instance (a streamed token resets it). */
  proxyReadTimeout?: number;
  /** Whether nginx passes a request an instance refused to the next one (proxy_next_upstream). */
  proxyRetry?: boolean;
  /** vLLM's parallelism and memory share. */
  tensorParallel?: number;
  pipelineParallel?: number;
  dataParallel?: number;
  gpuMemoryUtilization?: number;
  /** Ollama: how long a model stays loaded after its last request (`5m`, `-1` for ever). */
  keepAlive?: string;
  maxLoadedModels?: number;
}

export type PresetKey = keyof PresetValues;

/** A preset as written under `presets:`. */
export interface PresetConfig {
  name: string;
  description?: string;
  extends?: string;
  values: PresetValues;
}

/** A preset after its `extends` chain and the host's overrides, with defaults filled in. */
export interface ResolvedPreset {
  name: string;
  description?: string;
  /** Preset names from the root ancestor to this one. */
  chain: string[];
  /** The host whose overrides were applied, if any. */
  host?: string;
  parallelSlots: number;
  threadsGen: number;
  threadsBatch: number;
  threadsHttp?: number;
  batchSize: number;
  ubatchSize: number;
  ctxPerSlot: number;
  /** ctxPerSlot x parallelSlots: what llama-server's --ctx-size needs for that much per slot. */
  ctxSize: number;
  cpuset?: string;
  gpuLayers?: GpuLayers;
  flashAttn?: FlashAttnMode;
  cacheTypeK?: CacheType;
  cacheTypeV?: CacheType;
  contBatching: boolean;
  extraArgs: string[];
  instances: number;
  instanceBasePort?: number;
  /** nginx in front: set, or instances > 1. */
  proxy: boolean;
  proxyBalance: ProxyBalance;
  proxyKeepalive: number;
  proxyConnectTimeout: number;
  proxyReadTimeout: number;
  proxyRetry: boolean;
  tensorParallel?: number;
  pipelineParallel?: number;
  dataParallel?: number;
  gpuMemoryUtilization?: number;
  keepAlive?: string;
  maxLoadedModels?: number;
  /** Keys set somewhere in the chain or overrides (not defaulted): only these draw "does not apply" warnings. */
  setKeys: PresetKey[];
  /** Kind-independent doubts about the values (ubatch above batch, threads above the cpuset's CPUs...). */
  warnings: string[];
}

interface HostBase {
  name: string;
  /** Per preset name, or `all` for every preset; applied after the `extends` chain. */
  presetOverrides: Map<string, PresetValues>;
}

export interface LocalHost extends HostBase {
  connection: 'local';
}

export interface SshHost extends HostBase {
  connection: 'ssh';
  address: string;
  port: number;
  user: string;
  /** Absolute (a leading `~/` is expanded at load). */
  identityFile?: string;
  sshAgent: boolean;
  knownHosts: KnownHostsPolicy;
  /** Absolute; defaults to ~/.ssh/known_hosts. */
  knownHostsFile: string;
}

export type HostConfig = LocalHost | SshHost;

export interface ServerConfig {
  name: string;
  host: string;
  kind: ServerKind;
  runtime: ServerRuntime;
  /** Container image, for podman and quadlet. */
  image?: string;
  /** A path (llama.cpp, vLLM), a model name (Ollama, OpenAI) or `generated:tiny`. */
  model?: string;
  port: number;
  /** The address the server binds (--host / OLLAMA_HOST). */
  listenAddress: string;
  /** Where clients reach it, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  healthUrl: string;
  extraArgs: string[];
  env: Record<string, string>;
  /** The executable for runtime `process`; undefined means the kind's usual one. */
  binary?: string;
  /** nginx's executable on the host, for instances behind it (default `nginx`). */
  proxyBinary?: string;
  devices: string[];
  volumes: string[];
  podmanArgs: string[];
}

/** A problem found in the file, located for the user. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted key path, e.g. `presets.balanced.threads_gen`; empty for the document itself. */
  key: string;
  message: string;
}

/** Where a key's value stands in the file. */
export interface ConfigLocation {
  line: number;
  column: number;
}

export const LOAD_GENERATOR_ENGINES = ['embedded', 'k6'] as const;

/** `load_generators.NAME`: where one part of a distributed run runs, and on which engine. */
export interface LoadGeneratorConfig {
  name: string;
  host: HostConfig;
  engine: (typeof LOAD_GENERATOR_ENGINES)[number];
  /** The k6 binary on that host (engine k6). */
  k6: string;
  /** bin/inferload on that host (engine embedded); this checkout's for host local when left out. */
  inferload?: string;
  /** Where the part's bundle and outputs go on that host (a folder per run and part under it). */
  workdir: string;
}

export interface InferloadConfig {
  /** The file it came from, as shown in messages. */
  path: string;
  /** Per key path (`presets.base.cpuset`), where its value is: later checks (deploy's) point at the line. */
  locations?: Map<string, ConfigLocation>;
  activePreset: string;
  /** Always holds `local`, declared or not. */
  hosts: Map<string, HostConfig>;
  servers: Map<string, ServerConfig>;
  presets: Map<string, PresetConfig>;
  /** `load_generators:`, by name; empty when the file has none. */
  loadGenerators: Map<string, LoadGeneratorConfig>;
  warnings: ConfigIssue[];
}

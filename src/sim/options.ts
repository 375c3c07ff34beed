// Simulator options: defaults that look like a small CPU box, and validation that names the bad option.
import { UserError } from '../util/errors.ts';

export const FAULT_KINDS = ['status', 'disconnect', 'stall', 'malformed', 'slow-headers', 'html'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Record<FaultKind, number>;
/** Which server the simulator answers as: its routes, metric names and model handling. */
export const PERSONAS = ['llamacpp', 'vllm', 'ollama'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface SimOptions {
  /** llamacpp (every route, as before), vllm or ollama (that server's routes and metrics only). */
  persona: Persona;
  /** Interface to bind; loopback unless the caller asks otherwise. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  /** Parallel slots (llama-server -np); requests beyond them wait, "deferred". */
  slots: number;
  /** Deferred requests allowed before answering 503 (Ollama's OLLAMA_MAX_QUEUE); 0 = unbounded. */
  maxQueue: number;
  /** Prefill rate of one slot. */
  promptTokensPerSecond: number;
  /** Decode step time with one busy slot. */
  decodeMsPerToken: number;
  /** Extra step time per additional busy slot, as a fraction of decodeMsPerToken. */
  contention: number;
  /** Timing jitter: each step and prefill is scaled by a seeded factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
  /** Token limit when a request sets none or -1 (llama-server's -n). */
  maxTokensDefault: number;
  /** Range of the seeded "natural" answer length, after which the model emits EOS. */
  naturalTokensMin: number;
  naturalTokensMax: number;
  /** Context size of each slot. */
  nCtx: number;
  /** How long /health answers 503 "Loading model" after start. */
  loadMs: number;
  modelName: string;
  /** Probability per generation request of each global fault (sum at most 1). */
  faultRates: FaultRates;
  /** Statuses a global "status" fault picks from. */
  faultStatuses: readonly number[];
  faultStallMs: number;
  faultSlowHeadersMs: number;
  /** Bytes kept allocated per finished generation, so the process's RSS really grows (a leak); 0 = none. */
  leakBytesPerRequest: number;
  /** Decode step time added per generation served so far (a server that slows down over time); 0 = none. */
  slowdownMsPerRequest: number;
  /** Idle time after which the model unloads (a keep-alive); 0 = never. */
  unloadAfterIdleMs: number;
  /** How long the first request after an unload waits for the model to load again. */
  reloadMs: number;
  /** The server dies (stops answering, drops every connection) after this many generations; 0 = never. */
  crashAfterRequests: number;
  /** Serve the OpenAI Batch API: /v1/files and /v1/batches. */
  batchApi: boolean;
  /** Keep a log of every request (path, x-client-request-id, status) for sim.requestLog(). */
  logRequests: boolean;
  /** Other model names the server answers to (vLLM's --served-model-name, Ollama's pulled models). */
  extraModelNames: readonly string[];
  /** Ollama: the model is loaded by the first request (paying reloadMs), not at start. */
  startUnloaded: boolean;
  /** Tensor parallel degree: step and prefill times follow Amdahl's law (parallel-model.ts). */
  tensorParallel: number;
  /** Pipeline stages: the running batch flows through them as micro-batches (parallel-model.ts). */
  pipelineParallel: number;
  /** Data parallel replicas: independent schedulers behind one port, each with `slots` sequences. */
  dataParallel: number;
  /** Amdahl's sequential fraction s: time(tp) = time(1) x (s + (1 - s) / tp). */
  sequentialFraction: number;
  /** Prompt tokens one scheduler step may process (vLLM's --max-num-batched-tokens); 0 = no limit. */
  maxBatchedTokens: number;
  /** Cores the host has for all simulators on it (INFERLOAD_SIM_HOST_CORES); 0 = never oversubscribed. */
  hostCores: number;
  /** Cores one busy replica uses. */
  coresPerReplica: number;
  /** Folder where simulators on one host announce their busy cores to each other; '' = this process only. */
  sharedDir: string;
}

export type SimOptionsInput = Partial<Omit<SimOptions, 'faultRates'>> & { faultRates?: Partial<FaultRates> };

export const DEFAULT_SIM_OPTIONS: Readonly<SimOptions> = Object.freeze({
  persona: 'llamacpp',
  host: '127.0.0.1',
  port: 0,
  seed: 1,
  slots: 4,
  maxQueue: 0,
  promptTokensPerSecond: 250,
  decodeMsPerToken: 50,
  contention: 0.15,
  jitter: 0.05,
  maxTokensDefault: 256,
  naturalTokensMin: 16,
  naturalTokensMax: 320,
  nCtx: 4096,
  loadMs: 0,
  modelName: 'sim-model',
  faultRates: { status: 0, disconnect: 0, stall: 0, malformed: 0, 'slow-headers': 0, html: 0 },
  faultStatuses: [429, 500, 503],
  faultStallMs: 2000,
  faultSlowHeadersMs: 1500,
  leakBytesPerRequest: 0,
  slowdownMsPerRequest: 0,
  unloadAfterIdleMs: 0,
  reloadMs: 0,
  crashAfterRequests: 0,
  batchApi: false,
  logRequests: false,
  extraModelNames: [],
  startUnloaded: false,
  tensorParallel: 1,
  pipelineParallel: 1,
  dataParallel: 1,
  sequentialFraction: 0.1,
  maxBatchedTokens: 0,
  hostCores: 0,
  coresPerReplica: 1,
  sharedDir: '',
});

const INTEGER_RANGES: ReadonlyArray<readonly [keyof SimOptions, number, number]> = [
  ['port', 0, 65535],
  ['seed', 0, 0xffffffff],
  ['slots', 1, 4096],
  ['maxQueue', 0, Number.MAX_SAFE_INTEGER],
  ['maxTokensDefault', 0, 1 << 24],
  ['naturalTokensMin', 0, 1 << 24],
  ['naturalTokensMax', 0, 1 << 24],
  ['nCtx', 1, 1 << 24],
  ['loadMs', 0, 86_400_000],
  ['faultStallMs', 0, 3_600_000],
  ['faultSlowHeadersMs', 0, 3_600_000],
  ['leakBytesPerRequest', 0, 1 << 30],
  ['unloadAfterIdleMs', 0, 86_400_000],
  ['reloadMs', 0, 3_600_000],
  ['crashAfterRequests', 0, Number.MAX_SAFE_INTEGER],
  ['tensorParallel', 1, 1024],
  ['pipelineParallel', 1, 1024],
  ['dataParallel', 1, 1024],
  ['maxBatchedTokens', 0, 1 << 24],
  ['hostCores', 0, 65536],
  ['coresPerReplica', 1, 65536],
];

const NUMBER_RANGES: ReadonlyArray<readonly [keyof SimOptions, number, number]> = [
  ['promptTokensPerSecond', Number.MIN_VALUE, 1e9],
  ['decodeMsPerToken', 0, 60_000],
  ['contention', 0, 100],
  ['jitter', 0, 0.99],
  ['slowdownMsPerRequest', 0, 60_000],
  ['sequentialFraction', 0, 1],
];

function fail(name: string, expected: string, value: unknown): never {
  throw new UserError(`sim option ${name}: expected ${expected}, got ${JSON.stringify(value)}`);
}

function checkNumber(name: string, value: unknown, min: number, max: number, integer: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) {
    fail(
      name,
      `${integer ? 'an integer' : 'a number'} from ${min === Number.MIN_VALUE ? '>0' : min} to ${max}`,
      value,
    );
  }
}

function resolveFaultRates(input: Partial<FaultRates> | undefined): FaultRates {
  const rates: FaultRates = { ...DEFAULT_SIM_OPTIONS.faultRates };
  for (const [kind, rate] of Object.entries(input ?? {})) {
    const known = FAULT_KINDS.find((k) => k === kind);
    if (!known) fail('faultRates', `keys among ${FAULT_KINDS.join(', ')}`, kind);
    checkNumber(`faultRates.${kind}`, rate, 0, 1, false);
    rates[known] = rate;
  }
  const sum = Object.values(rates).reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-9) fail('faultRates', 'probabilities that sum to at most 1', rates);
  return rates;
}

/** Fills in defaults and checks every option; throws UserError naming the option, the value and the range. */
export function resolveSimOptions(input: SimOptionsInput = {}): SimOptions {
  for (const key of Object.keys(input)) {
    if (!(key in DEFAULT_SIM_OPTIONS))
      fail(key, `one of ${Object.keys(DEFAULT_SIM_OPTIONS).join(', ')}`, key);
  }
  const { faultRates, ...rest } = input;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const options: SimOptions = {
    ...DEFAULT_SIM_OPTIONS,
    ...defined,
    faultRates: resolveFaultRates(faultRates),
  };
  for (const [name, min, max] of INTEGER_RANGES) checkNumber(name, options[name], min, max, true);
  for (const [name, min, max] of NUMBER_RANGES) checkNumber(name, options[name], min, max, false);
  if (typeof options.host !== 'string' || options.host === '')
    fail('host', 'an interface address', options.host);
  if (!PERSONAS.includes(options.persona)) fail('persona', `one of ${PERSONAS.join(', ')}`, options.persona);
  if (typeof options.sharedDir !== 'string') fail('sharedDir', 'a folder path or empty', options.sharedDir);
  const names = options.extraModelNames;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === ''))
    fail('extraModelNames', 'a list of names', names);
  for (const name of ['batchApi', 'logRequests', 'startUnloaded'] as const)
    if (typeof options[name] !== 'boolean') fail(name, 'true or false', options[name]);
  if (typeof options.modelName !== 'string' || options.modelName === '')
    fail('modelName', 'a name', options.modelName);
  if (options.naturalTokensMin > options.naturalTokensMax) {
    fail(
      'naturalTokensMin',
      `at most naturalTokensMax (${options.naturalTokensMax})`,
      options.naturalTokensMin,
    );
  }
  const statuses = options.faultStatuses;
  if (!Array.isArray(statuses) || statuses.length === 0) fail('faultStatuses', 'a non-empty list', statuses);
  statuses.forEach((status, i) => checkNumber(`faultStatuses[${i}]`, status, 400, 599, true));
  return options;
}

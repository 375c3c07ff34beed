// `ollama serve` as the simulator takes it: OLLAMA_* variables read (and bad ones warned about) as Ollama does.
import { UserError } from '../util/errors.ts';
import { parseGoDuration } from './go-duration.ts';
import type { SimOptionsInput } from './options.ts';
import type { PersonaLaunch } from './persona-launch.ts';
import { applyKnobFlag, findKnobFlag, readKnobEnv } from './sim-knobs.ts';

const DEFAULT_PORT = 11434;
const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/** Variables Ollama reads that change nothing in the simulator; they are accepted and noted. */
const NOTED = [
  'OLLAMA_MAX_LOADED_MODELS',
  'OLLAMA_FLASH_ATTENTION',
  'OLLAMA_KV_CACHE_TYPE',
  'OLLAMA_MODELS',
  'OLLAMA_DEBUG',
  'OLLAMA_ORIGINS',
  'OLLAMA_SCHED_SPREAD',
  'OLLAMA_LOAD_TIMEOUT',
  'OLLAMA_NOPRUNE',
  'OLLAMA_GPU_OVERHEAD',
];

/** The simulator's defaults for Ollama: a CPU-like box whose model loads on first use. */
const OLLAMA_DEFAULTS: SimOptionsInput = {
  startUnloaded: true,
  reloadMs: 300,
  nCtx: 4096,
};

/** OLLAMA_HOST as Ollama's envconfig.Host reads it: [scheme://]host[:port], defaults 127.0.0.1 and 11434. */
export function parseOllamaHost(raw: string | undefined, notes: string[]): { host: string; port: number } {
  const text = (raw ?? '').trim();
  const hostport = text.includes('://') ? text.slice(text.indexOf('://') + 3) : text;
  // A bare IPv6 address has several colons and no port (Go's SplitHostPort refuses it; Ollama takes the address).
  const bareIpv6 = !hostport.startsWith('[') && hostport.split(':').length > 2;
  const split = bareIpv6 ? null : /^(?:\[([^\]]*)\]|([^:]*)):(.*)$/.exec(hostport);
  const host = split ? (split[1] ?? split[2] ?? '') : hostport.replace(/^\[|\]$/g, '');
  let port = split?.[3] ?? String(DEFAULT_PORT);
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    notes.push(`invalid port in OLLAMA_HOST, using default: port=${port} default=${DEFAULT_PORT}`);
    port = String(DEFAULT_PORT);
  }
  return { host: host === '' ? (split ? '0.0.0.0' : '127.0.0.1') : host, port: Number(port) };
}

/** An unsigned integer variable; a bad value is warned about and the default used, as Ollama does. */
function readUint(env: NodeJS.ProcessEnv, key: string, fallback: number, notes: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (/^\d+$/.test(raw.trim())) return Number(raw);
  notes.push(`invalid environment variable, using default: key=${key} value=${raw} default=${fallback}`);
  return fallback;
}

/** OLLAMA_KEEP_ALIVE: a Go duration or seconds; negative keeps the model forever (0 here), 0 unloads at once. */
function readKeepAliveMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_KEEP_ALIVE_MS;
  const ms = parseGoDuration(raw) ?? (/^[+-]?\d+$/.test(raw) ? Number(raw) * 1000 : DEFAULT_KEEP_ALIVE_MS);
  if (ms < 0) return 0;
  // 0 means "unload as soon as the last request ends"; the simulator's 0 means never, so 1 ms it is.
  return ms === 0 ? 1 : ms;
}

/** Parses `ollama serve` (argv after the binary) and the OLLAMA_* and INFERLOAD_SIM_* environment. */
export function parseOllamaLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): PersonaLaunch {
  const [command, ...rest] = argv;
  if (command !== 'serve')
    throw new UserError(
      command === undefined
        ? 'ollama: the simulator runs the server only: give the command `serve`'
        : `Error: unknown command "${command}" for "ollama"`,
      1,
    );
  const set: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    const [flag = '', inline] = (rest[i] ?? '').split(/=(.*)/s, 2);
    const knob = findKnobFlag(flag);
    if (!knob) throw new UserError(`Error: unknown flag: ${flag}`, 1);
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UserError(`Error: flag needs an argument: ${flag}`, 1);
    applyKnobFlag(knob, value, set);
  }
  const notes: string[] = [];
  const { host, port } = parseOllamaHost(env['OLLAMA_HOST'], notes);
  const parallel = readUint(env, 'OLLAMA_NUM_PARALLEL', 1, notes);
  const options: SimOptionsInput = {
    ...OLLAMA_DEFAULTS,
    ...readKnobEnv(env),
    ...set,
    persona: 'ollama',
    host,
    port,
    slots: parallel === 0 ? 1 : parallel,
    maxQueue: readUint(env, 'OLLAMA_MAX_QUEUE', 512, notes),
    nCtx: readUint(env, 'OLLAMA_CONTEXT_LENGTH', 4096, notes),
    unloadAfterIdleMs: readKeepAliveMs(env['OLLAMA_KEEP_ALIVE']),
  };
  for (const key of NOTED)
    if (env[key] !== undefined) notes.push(`accepted ${key}=${env[key]}: no effect in the simulator`);
  return { options, notes };
}

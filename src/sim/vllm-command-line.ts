// `vllm serve`'s command line as the simulator takes it: known flags set the model, unknown ones are noted.
import { UserError } from '../util/errors.ts';
import type { SimOptionsInput } from './options.ts';
import type { PersonaLaunch } from './persona-launch.ts';
import { applyKnobFlag, findKnobFlag, readKnobEnv } from './sim-knobs.ts';

type ValueKind = 'int' | 'float' | 'human_readable_int' | 'str' | 'bool' | 'list';

interface VllmFlag {
  readonly names: readonly string[];
  readonly kind: ValueKind;
  /** The simulator option it sets; absent: accepted, noted as having no effect here. */
  readonly key?: keyof SimOptionsInput;
}

const FLAGS: readonly VllmFlag[] = [
  { names: ['--model'], kind: 'str', key: 'modelName' },
  { names: ['--served-model-name'], kind: 'list' },
  { names: ['--host'], kind: 'str', key: 'host' },
  { names: ['--port'], kind: 'int', key: 'port' },
  { names: ['--tensor-parallel-size', '-tp'], kind: 'int', key: 'tensorParallel' },
  { names: ['--pipeline-parallel-size', '-pp'], kind: 'int', key: 'pipelineParallel' },
  { names: ['--data-parallel-size', '-dp'], kind: 'int', key: 'dataParallel' },
  { names: ['--max-num-seqs'], kind: 'int', key: 'slots' },
  { names: ['--max-num-batched-tokens'], kind: 'int', key: 'maxBatchedTokens' },
  { names: ['--max-model-len'], kind: 'human_readable_int', key: 'nCtx' },
  { names: ['--seed'], kind: 'int', key: 'seed' },
  { names: ['--gpu-memory-utilization'], kind: 'float' },
  { names: ['--kv-cache-dtype'], kind: 'str' },
  { names: ['--dtype'], kind: 'str' },
  { names: ['--api-key'], kind: 'str' },
  { names: ['--enforce-eager'], kind: 'bool' },
  { names: ['--enable-chunked-prefill', '--no-enable-chunked-prefill'], kind: 'bool' },
  { names: ['--enable-prefix-caching', '--no-enable-prefix-caching'], kind: 'bool' },
  { names: ['--trust-remote-code'], kind: 'bool' },
  { names: ['--disable-log-requests', '--disable-log-stats', '--enable-log-requests'], kind: 'bool' },
];

/** The simulator's defaults for a GPU server: faster steps, batching nearly free, vLLM's port and limits. */
const VLLM_DEFAULTS: SimOptionsInput = {
  port: 8000,
  slots: 256,
  nCtx: 4096,
  decodeMsPerToken: 20,
  contention: 0.02,
  promptTokensPerSecond: 4000,
  modelName: 'Qwen/Qwen3-0.6B',
};

const HUMAN_SUFFIX: Readonly<Record<string, number>> = {
  k: 1e3,
  K: 1024,
  m: 1e6,
  M: 1 << 20,
  g: 1e9,
  G: 1 << 30,
};

function invalid(flag: VllmFlag, kind: string, raw: string): never {
  throw new UserError(`vllm serve: error: argument ${flag.names.join('/')}: invalid ${kind} value: '${raw}'`);
}

/** Converts a value as vLLM's argparse types do (Python int(), float(), vLLM's human_readable_int). */
function convert(flag: VllmFlag, raw: string): number | string {
  if (flag.kind === 'int') return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : invalid(flag, 'int', raw);
  if (flag.kind === 'float') {
    const ok = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw);
    return ok ? Number(raw) : invalid(flag, 'float', raw);
  }
  if (flag.kind === 'human_readable_int') {
    const match = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(raw.trim());
    if (!match?.[1]) return invalid(flag, 'human_readable_int', raw);
    const value = Number(match[1]) * (HUMAN_SUFFIX[match[2] ?? ''] ?? 1);
    return Number.isInteger(value) ? value : invalid(flag, 'human_readable_int', raw);
  }
  return raw;
}

/** Whether a token is a value rather than the next flag (negative numbers are values, as in argparse). */
function isValue(token: string | undefined): token is string {
  return token !== undefined && !/^--?[A-Za-z]/.test(token);
}

/** Parses vLLM's command line (argv after `vllm serve`) and the INFERLOAD_SIM_* knobs into simulator options. */
export function parseVllmCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): PersonaLaunch {
  const set: Record<string, unknown> = {};
  const notes: string[] = [];
  const positionals: string[] = [];
  let servedNames: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (!/^--?[A-Za-z]/.test(token)) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const takeValue = (what: string): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (!isValue(next)) throw new UserError(`vllm serve: error: argument ${what}: expected one argument`);
      i++;
      return next;
    };
    const knob = findKnobFlag(name);
    if (knob) {
      applyKnobFlag(knob, takeValue(name), set);
      continue;
    }
    const flag = FLAGS.find((f) => f.names.includes(name));
    if (!flag) {
      const value = inline ?? (isValue(argv[i + 1]) ? argv[++i] : undefined);
      notes.push(`ignored ${name}${value === undefined ? '' : ` ${value}`}: the simulator does not model it`);
      continue;
    }
    if (flag.kind === 'bool') {
      notes.push(`accepted ${name}: no effect in the simulator`);
      continue;
    }
    if (flag.kind === 'list') {
      servedNames = inline === undefined ? [] : [inline];
      while (isValue(argv[i + 1])) servedNames.push(argv[++i] ?? '');
      if (servedNames.length === 0)
        throw new UserError(`vllm serve: error: argument ${name}: expected at least one argument`);
      continue;
    }
    const value = convert(flag, takeValue(flag.names.join('/')));
    if (flag.key) set[flag.key] = value;
    else notes.push(`accepted ${name} ${value}: no effect in the simulator`);
    if (flag.names[0] === '--gpu-memory-utilization' && (Number(value) <= 0 || Number(value) > 1))
      throw new UserError(`ValueError: GPU memory utilization must be within (0, 1]. Got ${value}.`, 1);
  }
  const [model, ...extra] = positionals;
  if (model !== undefined) set['modelName'] = model;
  if (extra.length > 0) throw new UserError(`vllm serve: error: unrecognized arguments: ${extra.join(' ')}`);
  return { options: finishOptions(set, servedNames, env), notes };
}

/** Defaults, then knobs from the environment, then the command line; checks what vLLM checks at start. */
function finishOptions(
  set: Record<string, unknown>,
  servedNames: string[] | undefined,
  env: NodeJS.ProcessEnv,
): SimOptionsInput {
  const options: Record<string, unknown> = { ...VLLM_DEFAULTS, ...readKnobEnv(env), ...set, persona: 'vllm' };
  const host = env['INFERLOAD_SIM_DEFAULT_HOST'];
  if (set['host'] === undefined && host) options['host'] = host;
  for (const key of ['tensorParallel', 'pipelineParallel', 'dataParallel', 'slots', 'maxBatchedTokens'])
    if (set[key] !== undefined && Number(set[key]) < 1)
      throw new UserError(`ValueError: ${key} must be at least 1, got ${String(set[key])}`, 1);
  const seqs = Number(options['slots']);
  const batched =
    set['maxBatchedTokens'] === undefined ? Math.max(2048, seqs) : Number(set['maxBatchedTokens']);
  if (batched < seqs)
    throw new UserError(
      `ValueError: max_num_batched_tokens (${batched}) must be greater than or equal to max_num_seqs (${seqs}).`,
      1,
    );
  options['maxBatchedTokens'] = batched;
  if (options['coresPerReplica'] === undefined)
    options['coresPerReplica'] =
      Number(options['tensorParallel'] ?? 1) * Number(options['pipelineParallel'] ?? 1);
  if (servedNames) {
    options['modelName'] = servedNames[0];
    options['extraModelNames'] = servedNames.slice(1);
  }
  return options as SimOptionsInput;
}

// The simulator's own knobs for the vLLM and Ollama personas: INFERLOAD_SIM_* variables or --sim-* flags.
import { UserError } from '../util/errors.ts';
import type { SimOptionsInput } from './options.ts';

type KnobKind = 'int' | 'number' | 'string' | 'list';

interface Knob {
  /** The variable's name after INFERLOAD_SIM_ and the flag's after --sim- (lower case, dashes). */
  readonly name: string;
  readonly kind: KnobKind;
  readonly key: keyof SimOptionsInput;
  readonly help: string;
}

/** Every knob; the same list documents them (src/sim/README.md) and parses them. */
export const SIM_KNOBS: readonly Knob[] = [
  {
    name: 'SEQUENTIAL_FRACTION',
    kind: 'number',
    key: 'sequentialFraction',
    help: "Amdahl's s for tensor parallel",
  },
  {
    name: 'HOST_CORES',
    kind: 'int',
    key: 'hostCores',
    help: 'cores all simulators on the host share (0 = unlimited)',
  },
  { name: 'CORES', kind: 'int', key: 'coresPerReplica', help: 'cores one busy replica uses' },
  {
    name: 'SHARED_DIR',
    kind: 'string',
    key: 'sharedDir',
    help: 'folder where simulators announce their busy cores',
  },
  {
    name: 'DECODE_MS',
    kind: 'number',
    key: 'decodeMsPerToken',
    help: 'decode step time, one request, one GPU',
  },
  {
    name: 'PP_RATE',
    kind: 'number',
    key: 'promptTokensPerSecond',
    help: 'prefill tokens/s of one request, one GPU',
  },
  {
    name: 'CONTENTION',
    kind: 'number',
    key: 'contention',
    help: 'extra step time per extra running request',
  },
  { name: 'JITTER', kind: 'number', key: 'jitter', help: 'seeded timing jitter (0.05 = 5%)' },
  { name: 'SEED', kind: 'int', key: 'seed', help: 'seed for lengths, text and jitter' },
  { name: 'MAX_TOKENS', kind: 'int', key: 'maxTokensDefault', help: 'answer limit when a request sets none' },
  { name: 'LOAD_MS', kind: 'int', key: 'loadMs', help: 'start-up load time (vLLM listens only after it)' },
  {
    name: 'RELOAD_MS',
    kind: 'int',
    key: 'reloadMs',
    help: "Ollama's model load time on first use and after unload",
  },
  {
    name: 'MODELS',
    kind: 'list',
    key: 'extraModelNames',
    help: 'Ollama: models present at start (comma list)',
  },
];

const ENV_PREFIX = 'INFERLOAD_SIM_';

function parseKnob(knob: Knob, raw: string, where: string): unknown {
  if (knob.kind === 'string') return raw;
  if (knob.kind === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const value = Number(raw);
  const ok =
    raw.trim() !== '' && Number.isFinite(value) && (knob.kind === 'number' || Number.isInteger(value));
  if (!ok)
    throw new UserError(
      `${where}: expected ${knob.kind === 'int' ? 'an integer' : 'a number'}, got '${raw}'`,
    );
  return value;
}

/** The flag form of a knob, e.g. --sim-sequential-fraction. */
export function knobFlag(knob: Knob): string {
  return `--sim-${knob.name.toLowerCase().replace(/_/g, '-')}`;
}

/** The knob a --sim-* flag names, or undefined. */
export function findKnobFlag(flag: string): Knob | undefined {
  return SIM_KNOBS.find((knob) => knobFlag(knob) === flag);
}

/** Reads the INFERLOAD_SIM_* variables that are set; a bad value fails naming the variable. */
export function readKnobEnv(env: NodeJS.ProcessEnv): SimOptionsInput {
  const options: Record<string, unknown> = {};
  for (const knob of SIM_KNOBS) {
    const raw = env[`${ENV_PREFIX}${knob.name}`];
    if (raw !== undefined && raw !== '')
      options[knob.key] = parseKnob(knob, raw, `${ENV_PREFIX}${knob.name}`);
  }
  return options as SimOptionsInput;
}

/** Parses one --sim-* flag's value into `into`. */
export function applyKnobFlag(knob: Knob, raw: string, into: Record<string, unknown>): void {
  into[knob.key] = parseKnob(knob, raw, knobFlag(knob));
}

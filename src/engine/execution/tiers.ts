// Reads the execution options of one config tier (script, env, CLI) and layers tiers as k6's `Options.Apply`.
import { describeValue } from './field-reader.ts';
import { readDurationNs } from '../duration.ts';

/** A shortcut stage as k6 keeps it before derivation; either part may be missing. */
export interface ShortcutStage {
  durationNs?: number;
  target?: number;
}

/** The execution-related options of one tier; undefined = not set in that tier. */
export interface ExecutionSettings {
  vus?: number;
  durationNs?: number;
  iterations?: number;
  /** An explicit empty array is "set but empty", which k6 warns about. */
  stages?: ShortcutStage[];
  scenarios?: Record<string, unknown>;
}

/** Execution flags as the CLI parsed them (`-u`, `-d`, `-i`, `-s dur:target`, `--execution-segment*`). */
export interface CliExecutionOverrides {
  vus?: number;
  duration?: string | number;
  iterations?: number;
  stages?: readonly (string | { duration?: unknown; target?: unknown })[];
  /** --execution-segment "1/3:2/3" */
  executionSegment?: string;
  /** --execution-segment-sequence "0,1/3,2/3,1" */
  executionSegmentSequence?: string;
}

/** Reads `vus`, `duration`, `iterations`, `stages` and `scenarios` from one tier's raw values. */
export function readExecutionSettings(
  raw: Record<string, unknown>,
  tier: string,
  errors: string[],
): ExecutionSettings {
  const fail = (key: string, expected: string): void => {
    errors.push(`${tier} option '${key}': expected ${expected}, got ${describeValue(raw[key])}`);
  };
  const settings: ExecutionSettings = {};
  const set = (value: unknown): boolean => value !== undefined && value !== null;

  if (set(raw.vus)) {
    const vus = readInteger(raw.vus);
    if (vus === undefined) fail('vus', 'an integer');
    else settings.vus = vus;
  }
  if (set(raw.iterations)) {
    const iterations = readInteger(raw.iterations);
    if (iterations === undefined) fail('iterations', 'an integer');
    else settings.iterations = iterations;
  }
  if (set(raw.duration)) {
    const ns = readDurationNs(raw.duration);
    if (ns === undefined) fail('duration', 'a duration such as "30s" or a number of milliseconds');
    else settings.durationNs = ns;
  }
  if (set(raw.stages)) {
    const stages = readShortcutStages(raw.stages);
    if (stages === undefined) fail('stages', 'an array of {duration, target} or "duration:target" strings');
    else settings.stages = stages;
  }
  if (set(raw.scenarios)) {
    if (typeof raw.scenarios === 'object' && !Array.isArray(raw.scenarios)) {
      settings.scenarios = raw.scenarios as Record<string, unknown>;
    } else fail('scenarios', 'an object keyed by scenario name');
  }
  return settings;
}

/** Reads the K6_VUS / K6_DURATION / K6_ITERATIONS / K6_STAGES environment tier. */
export function readEnvSettings(
  env: Readonly<Record<string, string | undefined>>,
  errors: string[],
): ExecutionSettings {
  const raw: Record<string, unknown> = {};
  if (env.K6_VUS !== undefined) raw.vus = /^[+-]?\d+$/.test(env.K6_VUS) ? Number(env.K6_VUS) : env.K6_VUS;
  if (env.K6_ITERATIONS !== undefined) {
    raw.iterations = /^[+-]?\d+$/.test(env.K6_ITERATIONS) ? Number(env.K6_ITERATIONS) : env.K6_ITERATIONS;
  }
  if (env.K6_DURATION !== undefined) raw.duration = env.K6_DURATION;
  if (env.K6_STAGES !== undefined) raw.stages = env.K6_STAGES.split(',');
  return readExecutionSettings(raw, 'environment', errors);
}

/** Applies a higher tier over a lower one: any execution setting in the higher tier wipes all lower ones. */
export function applyTier(lower: ExecutionSettings, higher: ExecutionSettings): ExecutionSettings {
  const result: ExecutionSettings = { ...lower };
  if (higher.vus !== undefined) result.vus = higher.vus;
  const { durationNs, iterations, stages, scenarios } = higher;
  if (
    durationNs === undefined &&
    iterations === undefined &&
    stages === undefined &&
    scenarios === undefined
  ) {
    return result;
  }
  delete result.durationNs;
  delete result.iterations;
  delete result.stages;
  delete result.scenarios;
  if (durationNs !== undefined) result.durationNs = durationNs;
  if (iterations !== undefined) result.iterations = iterations;
  // k6 drops stages without a duration while layering (lib/options.go Apply)
  if (stages !== undefined) result.stages = stages.filter((s) => s.durationNs !== undefined);
  if (scenarios !== undefined) result.scenarios = scenarios;
  return result;
}

function readInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function readShortcutStages(value: unknown): ShortcutStage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const stages: ShortcutStage[] = [];
  for (const item of value as unknown[]) {
    const stage = typeof item === 'string' ? readStageText(item) : readStageObject(item);
    if (stage === undefined) return undefined;
    stages.push(stage);
  }
  return stages;
}

// "30s:10", as k6's Stage.UnmarshalText reads CLI and env stages
function readStageText(text: string): ShortcutStage | undefined {
  const colon = text.indexOf(':');
  const durationText = colon < 0 ? text : text.slice(0, colon);
  const targetText = colon < 0 ? '' : text.slice(colon + 1);
  const stage: ShortcutStage = {};
  if (durationText !== '') {
    const ns = readDurationNs(durationText);
    if (ns === undefined) return undefined;
    stage.durationNs = ns;
  }
  if (targetText !== '') {
    if (!/^[+-]?\d+$/.test(targetText)) return undefined;
    stage.target = Number(targetText);
  }
  return stage;
}

function readStageObject(item: unknown): ShortcutStage | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { duration, target } = item as { duration?: unknown; target?: unknown };
  const stage: ShortcutStage = {};
  if (duration !== undefined && duration !== null) {
    const ns = readDurationNs(duration);
    if (ns === undefined) return undefined;
    stage.durationNs = ns;
  }
  if (target !== undefined && target !== null) {
    const value = readInteger(target);
    if (value === undefined) return undefined;
    stage.target = value;
  }
  return stage;
}

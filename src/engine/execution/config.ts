// Resolves the scenarios to run from the config tiers, as k6 v1.x does: layer, derive shortcuts, validate, size.
import {
  getEndOffsetMs,
  getFullRequirements,
  getMaxPlannedVUs,
  getMaxPossibleVUs,
  getScenarioRequirements,
} from './requirements.ts';
import type { ExecutionTuple } from './execution-tuple.ts';
import { readEnvSegmentTier, resolveSegmentTuple, type SegmentTier } from './segment-options.ts';
import { segmentScenarios } from './segment-scenarios.ts';
import { deriveScenariosFromShortcuts } from './shortcuts.ts';
import {
  applyTier,
  readEnvSettings,
  readExecutionSettings,
  type CliExecutionOverrides,
  type ExecutionSettings,
} from './tiers.ts';
import type { ExecutionStep, Scenario } from './types.ts';
import { createConfigError, parseScenarios, throwIfErrors } from './validate.ts';

/** The tiers, lowest priority first: config file < script `options` < K6_* env < CLI flags. */
export interface ExecutionConfigInput {
  configFile?: Record<string, unknown>;
  script?: Record<string, unknown>;
  env?: Readonly<Record<string, string | undefined>>;
  cli?: CliExecutionOverrides;
}

/** The VUs one scenario needs at most: `planned` up front, `possible` with arrival-rate extras. */
export interface ScenarioVus {
  planned: number;
  possible: number;
}

/** Everything the runtime needs to start: the scenarios in run order and how big the VU pool must be. */
export interface ExecutionPlan {
  /** Sorted by (startTime, name), the order k6 hands out VUs in. */
  scenarios: Scenario[];
  /** VUs to initialise before the run (k6 pre-initialises exactly these). */
  maxPlannedVUs: number;
  /** The pool's cap (`vus_max` at most): planned VUs plus arrival-rate VUs initialised mid-test. */
  maxPossibleVUs: number;
  vusByScenario: Record<string, ScenarioVus>;
  /** Summed VU needs over the run; an exact max over time, so non-overlapping scenarios share VUs. */
  requirements: ExecutionStep[];
  /** When the last scenario's hard deadline passes, relative to the run start. */
  endOffsetMs: number;
  /** The execution segment this instance runs (the whole test unless --execution-segment is set). */
  tuple: ExecutionTuple;
  warnings: string[];
}

/** Derives and validates the scenarios; throws UserError (exit 104) naming scenario, key and expectation. */
export function resolveExecution(input: ExecutionConfigInput): ExecutionPlan {
  const errors: string[] = [];
  const tiers: ExecutionSettings[] = [];
  if (input.configFile) tiers.push(readExecutionSettings(input.configFile, 'config file', errors));
  if (input.script) tiers.push(readExecutionSettings(input.script, 'script', errors));
  if (input.env) tiers.push(readEnvSettings(input.env, errors));
  if (input.cli) tiers.push(readExecutionSettings({ ...input.cli }, 'command-line', errors));
  const tuple = resolveSegmentTuple(readSegmentTiers(input), errors);
  throwIfErrors(errors);

  const settings = tiers.reduce(applyTier, {});
  const derived = deriveScenariosFromShortcuts(settings);
  if (!derived.ok) throw createConfigError([derived.error]);
  const segmented = segmentScenarios(parseScenarios(derived.scenarios), tuple);
  return {
    ...planScenarios(segmented.scenarios),
    tuple,
    warnings: [...derived.warnings, ...segmented.warnings],
  };
}

function readSegmentTiers(input: ExecutionConfigInput): SegmentTier[] {
  const tiers: SegmentTier[] = [];
  if (input.configFile) tiers.push({ tier: 'config file', raw: input.configFile });
  if (input.script) tiers.push({ tier: 'script', raw: input.script });
  if (input.env) tiers.push(readEnvSegmentTier(input.env));
  if (input.cli) {
    const names = { segment: '--execution-segment', sequence: '--execution-segment-sequence' };
    tiers.push({ tier: 'command-line', raw: { ...input.cli }, names });
  }
  return tiers;
}

/** Sorts already-validated scenarios and computes the VU pool sizing. */
export function planScenarios(scenarios: readonly Scenario[]): Omit<ExecutionPlan, 'warnings' | 'tuple'> {
  const sorted = sortScenarios(scenarios);
  const requirements = getFullRequirements(sorted);
  const vusByScenario = Object.fromEntries(
    sorted.map((s) => {
      const steps = getScenarioRequirements(s);
      return [s.name, { planned: getMaxPlannedVUs(steps), possible: getMaxPossibleVUs(steps) }];
    }),
  );
  return {
    scenarios: sorted,
    maxPlannedVUs: getMaxPlannedVUs(requirements),
    maxPossibleVUs: getMaxPossibleVUs(requirements),
    vusByScenario,
    requirements,
    endOffsetMs: getEndOffsetMs(requirements),
  };
}

/** Orders scenarios by start time, then name (k6's GetSortedConfigs). */
export function sortScenarios(scenarios: readonly Scenario[]): Scenario[] {
  return [...scenarios].sort(
    (a, b) => a.startTimeMs - b.startTimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

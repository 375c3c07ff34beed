// Turns the `iterations` / `duration` / `stages` shortcuts into a `default` scenario (execution_config_shortcuts.go).
import { formatGoDurationNs } from '../duration.ts';
import type { ExecutionSettings, ShortcutStage } from './tiers.ts';

export const DEFAULT_SCENARIO_NAME = 'default';

/** Raw scenarios (validated later) plus any warnings, or the conflict that makes the config invalid. */
export type DerivedScenarios =
  { ok: true; scenarios: Record<string, unknown>; warnings: string[] } | { ok: false; error: string };

/** Derives the raw scenarios from consolidated settings, following k6 v1.x (bare `vus` is ignored). */
export function deriveScenariosFromShortcuts(settings: ExecutionSettings): DerivedScenarios {
  const { vus, durationNs, iterations, stages, scenarios } = settings;
  const hasStages = stages !== undefined && stages.length > 0;
  const withVus = vus === undefined ? {} : { vus };

  if (iterations !== undefined) {
    if (hasStages) return conflict('`iterations` and `stages`');
    if (scenarios !== undefined) return conflict('`iterations` and `scenarios`');
    const maxDuration = durationNs === undefined ? {} : { maxDuration: formatGoDurationNs(durationNs) };
    return single({ executor: 'shared-iterations', ...withVus, iterations, ...maxDuration });
  }
  if (durationNs !== undefined) {
    if (hasStages) return conflict('`duration` and `stages`');
    if (scenarios !== undefined) return conflict('`duration` and `scenarios`');
    if (durationNs <= 0) {
      return { ok: false, error: '`duration` should be more than 0 (an infinite duration is not supported)' };
    }
    return single({ executor: 'constant-vus', ...withVus, duration: formatGoDurationNs(durationNs) });
  }
  if (hasStages) {
    if (scenarios !== undefined) return conflict('`stages` and `scenarios`');
    const startVUs = vus === undefined ? {} : { startVUs: vus };
    return single({ executor: 'ramping-vus', ...startVUs, stages: stages.map(toRawStage) });
  }
  if (scenarios !== undefined && Object.keys(scenarios).length > 0) {
    return { ok: true, scenarios, warnings: [] };
  }
  return {
    ok: true,
    scenarios: { [DEFAULT_SCENARIO_NAME]: { executor: 'per-vu-iterations' } },
    warnings: emptyWarnings(settings),
  };
}

function emptyWarnings({ vus, stages, scenarios }: ExecutionSettings): string[] {
  const warnings: string[] = [];
  if (stages !== undefined) {
    warnings.push(
      '`stages` was explicitly set to an empty value, running the script with 1 iteration in 1 VU',
    );
  }
  if (scenarios !== undefined) {
    warnings.push(
      '`scenarios` was explicitly set to an empty value, running the script with 1 iteration in 1 VU',
    );
  }
  if (vus !== undefined && vus !== 1) {
    warnings.push(
      `the \`vus=${vus}\` option will be ignored, it only works in conjunction with \`iterations\`, \`duration\`, or \`stages\``,
    );
  }
  return warnings;
}

function toRawStage(stage: ShortcutStage): Record<string, unknown> {
  const duration = stage.durationNs === undefined ? {} : { duration: formatGoDurationNs(stage.durationNs) };
  return { ...duration, ...(stage.target === undefined ? {} : { target: stage.target }) };
}

function single(config: Record<string, unknown>): DerivedScenarios {
  return { ok: true, scenarios: { [DEFAULT_SCENARIO_NAME]: config }, warnings: [] };
}

function conflict(what: string): DerivedScenarios {
  return { ok: false, error: `using ${what} options simultaneously is not allowed` };
}

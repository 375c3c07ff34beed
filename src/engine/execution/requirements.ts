// VU requirements over time per scenario and for the whole run (k6's GetExecutionRequirements and
// ScenarioConfigs.GetFullExecutionRequirements), which size the global VU pool.
import { sumStagesMs } from './arrival-plan.ts';
import { msToNs, nsToMs } from '../duration.ts';
import { getRampingVusGracefulSteps } from './ramping-vus-plan.ts';
import type { ExecutionStep, Scenario } from './types.ts';

/** The VUs one scenario needs over time, relative to its own start, graceful periods included. */
export function getScenarioRequirements(scenario: Scenario): ExecutionStep[] {
  const span = (plannedVUs: number, untilMs: number, maxUnplannedVUs = 0): ExecutionStep[] => [
    { offsetMs: 0, plannedVUs, maxUnplannedVUs },
    {
      offsetMs: nsToMs(msToNs(untilMs) + msToNs(scenario.gracefulStopMs)),
      plannedVUs: 0,
      maxUnplannedVUs: 0,
    },
  ];
  switch (scenario.executor) {
    case 'constant-vus':
      return span(scenario.vus, scenario.durationMs);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return span(scenario.vus, scenario.maxDurationMs);
    case 'constant-arrival-rate':
      return span(scenario.preAllocatedVUs, scenario.durationMs, scenario.maxVUs - scenario.preAllocatedVUs);
    case 'ramping-arrival-rate':
      return span(
        scenario.preAllocatedVUs,
        sumStagesMs(scenario.stages),
        scenario.maxVUs - scenario.preAllocatedVUs,
      );
    case 'ramping-vus':
      return getRampingVusGracefulSteps(scenario).map((s) => ({
        offsetMs: s.offsetMs,
        plannedVUs: s.vus,
        maxUnplannedVUs: 0,
      }));
  }
}

/**
 * Combines the scenarios' requirements, shifted by their startTime, into one timeline of summed VUs. Steps are
 * applied in (time, scenario order) order and a total is recorded after each, exactly like k6, so a scenario that
 * ends when another starts does not count twice.
 */
export function getFullRequirements(sortedScenarios: readonly Scenario[]): ExecutionStep[] {
  const tracked = sortedScenarios.flatMap((scenario, id) =>
    getScenarioRequirements(scenario).map((step) => ({
      ns: msToNs(step.offsetMs) + msToNs(scenario.startTimeMs),
      id,
      step,
    })),
  );
  tracked.sort((a, b) => a.ns - b.ns || a.id - b.id); // Array#sort is stable, as k6's SliceStable
  const planned = sortedScenarios.map(() => 0);
  const unplanned = sortedScenarios.map(() => 0);
  const result: ExecutionStep[] = [];
  for (const { ns, id, step } of tracked) {
    planned[id] = step.plannedVUs;
    unplanned[id] = step.maxUnplannedVUs;
    const plannedVUs = sum(planned);
    const maxUnplannedVUs = sum(unplanned);
    const last = result[result.length - 1];
    if (!last || last.plannedVUs !== plannedVUs || last.maxUnplannedVUs !== maxUnplannedVUs) {
      result.push({ offsetMs: nsToMs(ns), plannedVUs, maxUnplannedVUs });
    }
  }
  return result;
}

/** VUs to initialise before the run starts (k6's GetMaxPlannedVUs). */
export function getMaxPlannedVUs(steps: readonly ExecutionStep[]): number {
  return steps.reduce((max, s) => Math.max(max, s.plannedVUs), 0);
}

/** The most VUs that may ever exist, arrival-rate extras included (k6's GetMaxPossibleVUs). */
export function getMaxPossibleVUs(steps: readonly ExecutionStep[]): number {
  return steps.reduce((max, s) => Math.max(max, s.plannedVUs + s.maxUnplannedVUs), 0);
}

/** When the last scenario's hard deadline passes, relative to the run start (k6's GetEndOffset). */
export function getEndOffsetMs(steps: readonly ExecutionStep[]): number {
  return steps[steps.length - 1]?.offsetMs ?? 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

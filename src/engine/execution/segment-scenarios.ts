// Each executor's share of the whole test on one execution segment, as k6's executors compute it
// (GetVUs / GetIterations / GetPreAllocatedVUs / GetMaxVUs and their Init in lib/executor/*.go).
import {
  type ExecutionTuple,
  retupleByValue,
  scaleInt,
  type Stripe,
  tupleSegment,
  tupleStripe,
} from './execution-tuple.ts';
import { getMaxVus, getRampingVusGracefulSteps } from './ramping-vus-plan.ts';
import { formatSegment } from './segment.ts';
import type { Scenario, ScenarioSegment } from './types.ts';

/** The scenarios with work on this segment, scaled to it, and a warning per scenario left without work. */
export interface SegmentedScenarios {
  scenarios: Scenario[];
  warnings: string[];
}

/**
 * Scales every scenario to the tuple's segment. VUs are striped over the whole test's VUs; shared-iterations
 * splits its iterations by a sequence re-cut from its VUs, the arrival-rate executors pick their starts from the
 * whole timeline by a sequence re-cut from maxVUs, ramping-vus takes the striped VU positions of its stages. A
 * scenario with nothing to do on this segment is left out with k6's warning. The whole test is returned unchanged.
 */
export function segmentScenarios(scenarios: readonly Scenario[], tuple: ExecutionTuple): SegmentedScenarios {
  if (tuple.sequence.length === 1) return { scenarios: [...scenarios], warnings: [] };
  const label = formatSegment(tupleSegment(tuple));
  const vus = tupleStripe(tuple);
  const result: SegmentedScenarios = { scenarios: [], warnings: [] };
  for (const scenario of scenarios) {
    const scaled = scaleScenario(scenario, tuple, { label, vus, iterations: vus });
    if (scaled) result.scenarios.push(scaled);
    else
      result.warnings.push(
        `Executor '${scenario.name}' is disabled for segment ${label} due to lack of work!`,
      );
  }
  return result;
}

function scaleScenario(
  scenario: Scenario,
  tuple: ExecutionTuple,
  segment: ScenarioSegment,
): Scenario | undefined {
  const scale = (value: number): number => scaleInt(tuple, value);
  switch (scenario.executor) {
    case 'constant-vus':
    case 'per-vu-iterations': {
      const vus = scale(scenario.vus);
      return vus > 0 ? { ...scenario, vus, segment } : undefined;
    }
    case 'shared-iterations': {
      const byVus = retupleByValue(tuple, scenario.vus);
      const vus = scale(scenario.vus);
      const iterations = byVus ? scaleInt(byVus, scenario.iterations) : 0;
      if (!byVus || vus === 0 || iterations === 0) return undefined;
      return { ...scenario, vus, iterations, segment: withIterations(segment, byVus) };
    }
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const byMaxVus = retupleByValue(tuple, scenario.maxVUs);
      const maxVUs = scale(scenario.maxVUs);
      if (!byMaxVus || maxVUs === 0) return undefined;
      const preAllocatedVUs = scale(scenario.preAllocatedVUs);
      return { ...scenario, preAllocatedVUs, maxVUs, segment: withIterations(segment, byMaxVus) };
    }
    case 'ramping-vus': {
      const scaled = { ...scenario, segment };
      return getMaxVus(getRampingVusGracefulSteps(scaled)) > 0 ? scaled : undefined;
    }
  }
}

function withIterations(segment: ScenarioSegment, tuple: ExecutionTuple): ScenarioSegment {
  const iterations: Stripe = tupleStripe(tuple);
  return { ...segment, iterations };
}

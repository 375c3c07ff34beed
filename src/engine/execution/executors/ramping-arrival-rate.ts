// ramping-arrival-rate: the start rate follows the stages linearly (ramping_arrival_rate.go).
import { getArrivalStarts, sumStagesMs } from '../arrival-plan.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { RampingArrivalRateScenario } from '../types.ts';
import { runArrivalRate } from './arrival-rate.ts';

/** Starts iteration i where the integral of the rate reaches i, until the last stage ends (on a segment, its share). */
export function runRampingArrivalRate(run: ScenarioRun<RampingArrivalRateScenario>): Promise<void> {
  const { stages, preAllocatedVUs, maxVUs } = run.scenario;
  return runArrivalRate(run, {
    preAllocatedVUs,
    maxVUs,
    starts: getArrivalStarts(run.scenario),
    regularMs: sumStagesMs(stages),
    waitForRegularEnd: false,
  });
}

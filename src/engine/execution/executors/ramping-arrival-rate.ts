// ramping-arrival-rate: the start rate follows the stages linearly (ramping_arrival_rate.go).
import { rampingArrivalStarts, sumStagesMs } from '../arrival-plan.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { RampingArrivalRateScenario } from '../types.ts';
import { runArrivalRate } from './arrival-rate.ts';

/** Starts iteration i where the integral of the rate reaches i, until the last stage ends. */
export function runRampingArrivalRate(run: ScenarioRun<RampingArrivalRateScenario>): Promise<void> {
  const { startRate, timeUnitMs, stages, preAllocatedVUs, maxVUs } = run.scenario;
  return runArrivalRate(run, {
    preAllocatedVUs,
    maxVUs,
    starts: rampingArrivalStarts(startRate, timeUnitMs, stages),
    regularMs: sumStagesMs(stages),
    waitForRegularEnd: false,
  });
}

// constant-arrival-rate: `rate` iterations per `timeUnit`, the first at t=0 (constant_arrival_rate.go).
import { getArrivalStarts } from '../arrival-plan.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { ConstantArrivalRateScenario } from '../types.ts';
import { runArrivalRate } from './arrival-rate.ts';

/** Starts iteration i at i*timeUnit/rate until the duration ends (on a segment, its striped share of the i). */
export function runConstantArrivalRate(run: ScenarioRun<ConstantArrivalRateScenario>): Promise<void> {
  const { durationMs, preAllocatedVUs, maxVUs } = run.scenario;
  return runArrivalRate(run, {
    preAllocatedVUs,
    maxVUs,
    starts: getArrivalStarts(run.scenario),
    regularMs: durationMs,
    waitForRegularEnd: true,
  });
}

// Picks the executor function for a scenario's `executor` type.
import type { ScenarioRun } from '../scenario-run.ts';
import type { ExecutorType, ScenarioOf } from '../types.ts';
import { runConstantArrivalRate } from './constant-arrival-rate.ts';
import { runConstantVus } from './constant-vus.ts';
import { runPerVuIterations } from './per-vu-iterations.ts';
import { runRampingArrivalRate } from './ramping-arrival-rate.ts';
import { runRampingVus } from './ramping-vus.ts';
import { runSharedIterations } from './shared-iterations.ts';

type ExecutorFn<E extends ExecutorType> = (run: ScenarioRun<ScenarioOf<E>>) => Promise<void>;

const EXECUTORS: { [E in ExecutorType]: ExecutorFn<E> } = {
  'constant-vus': runConstantVus,
  'ramping-vus': runRampingVus,
  'per-vu-iterations': runPerVuIterations,
  'shared-iterations': runSharedIterations,
  'constant-arrival-rate': runConstantArrivalRate,
  'ramping-arrival-rate': runRampingArrivalRate,
};

/** Runs one scenario with its executor; resolves when all its VUs are back in the pool. */
export function runExecutor(run: ScenarioRun): Promise<void> {
  const execute = EXECUTORS[run.scenario.executor] as ExecutorFn<ExecutorType>;
  return execute(run);
}

/** Whether a scenario has anything to do; k6 skips (with a warning) arrival-rate scenarios with maxVUs 0. */
export function hasWork(run: ScenarioRun): boolean {
  const { scenario } = run;
  if (scenario.executor === 'constant-arrival-rate' || scenario.executor === 'ramping-arrival-rate') {
    return scenario.maxVUs > 0;
  }
  return true;
}

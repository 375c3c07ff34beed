// shared-iterations: VUs pull from one shared iteration counter (lib/executor/shared_iterations.go).
import type { ScenarioRun } from '../scenario-run.ts';
import type { SharedIterationsScenario } from '../types.ts';
import { runOnVus } from './vu-tasks.ts';

/** Runs `iterations` in total across the VUs; at the end, the ones never attempted are dropped. */
export async function runSharedIterations(run: ScenarioRun<SharedIterationsScenario>): Promise<void> {
  const { vus, iterations: total } = run.scenario;
  run.fraction = () => run.endedIterations() / total;
  run.begin();
  let attempted = 0;
  try {
    await runOnVus(run, vus, async (vu) => {
      while (!run.regularOver()) {
        attempted++;
        if (attempted > total) return;
        await run.runIteration(vu);
      }
    });
  } finally {
    if (attempted < total) run.drop(total - attempted);
  }
}

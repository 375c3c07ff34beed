// per-vu-iterations: every VU runs exactly `iterations` within maxDuration (lib/executor/per_vu_iterations.go).
import type { ScenarioRun } from '../scenario-run.ts';
import type { PerVuIterationsScenario } from '../types.ts';
import { runOnVus } from './vu-tasks.ts';

/** Runs `iterations` on each VU; once maxDuration passes, each VU drops the iterations it did not start. */
export async function runPerVuIterations(run: ScenarioRun<PerVuIterationsScenario>): Promise<void> {
  const { vus, iterations } = run.scenario;
  const total = vus * iterations;
  run.fraction = () => (run.timeFraction() >= 1 ? 1 : run.endedIterations() / total);
  run.begin();
  await runOnVus(run, vus, async (vu) => {
    for (let i = 0; i < iterations; i++) {
      if (run.regularOver()) {
        run.drop(iterations - i, vu.id);
        return;
      }
      await run.runIteration(vu);
    }
  });
}

// constant-vus: a fixed number of VUs loop iterations for `duration` (lib/executor/constant_vus.go).
import type { ScenarioRun } from '../scenario-run.ts';
import type { ConstantVusScenario } from '../types.ts';
import { runOnVus } from './vu-tasks.ts';

/** Loops iterations on `vus` VUs until the duration ends; in-flight ones then get gracefulStop. */
export async function runConstantVus(run: ScenarioRun<ConstantVusScenario>): Promise<void> {
  run.begin();
  await runOnVus(run, run.scenario.vus, async (vu) => {
    while (!run.regularOver()) await run.runIteration(vu);
  });
}

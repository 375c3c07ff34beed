// ramping-vus: VUs follow the stages; ramped-down VUs get gracefulRampDown, then a hard stop (ramping_vus.go Run).
import { sleepUntil } from '../clock.ts';
import {
  getMaxVus,
  getRampingVusGracefulSteps,
  getRampingVusRawSteps,
  type VuStep,
} from '../ramping-vus-plan.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { RampingVusScenario } from '../types.ts';
import { VuSlot } from './vu-slot.ts';

/**
 * Walks the raw steps (start VUs, or gracefully stop the highest-index ones) and the graceful steps (hard-stop
 * VUs whose gracefulRampDown ran out) in time order, raw first on ties; the rest of the graceful steps run while
 * the last VUs finish. Resolves once every VU is back in the pool.
 */
export async function runRampingVus(run: ScenarioRun<RampingVusScenario>): Promise<void> {
  const { startVUs, stages } = run.scenario;
  const raw = getRampingVusRawSteps(startVUs, stages, true, run.scenario.segment?.vus);
  const graceful = getRampingVusGracefulSteps(run.scenario);
  const slots = Array.from({ length: getMaxVus(graceful) }, () => new VuSlot(run));
  let scheduled = 0;
  let allowed = 0;
  const applyRaw = (step: VuStep): void => {
    for (; scheduled < step.vus; scheduled++) slots[scheduled]?.start();
    for (; step.vus < scheduled; scheduled--) slots[scheduled - 1]?.gracefulStop();
  };
  const applyGraceful = (step: VuStep): void => {
    for (; step.vus < allowed; allowed--) slots[allowed - 1]?.hardStop();
    allowed = step.vus;
  };

  run.begin();
  let g = 0;
  for (let r = 0; r < raw.length;) {
    const rawStep = raw[r] as VuStep;
    const gracefulStep = graceful[g];
    const useGraceful = gracefulStep !== undefined && gracefulStep.offsetMs < rawStep.offsetMs;
    const step = useGraceful ? gracefulStep : rawStep;
    if (!(await sleepUntil(run.at(step.offsetMs), run.hard))) break;
    if (useGraceful) {
      applyGraceful(step);
      g++;
    } else {
      applyRaw(step);
      r++;
    }
  }
  void runRemainingGracefulSteps(run, graceful.slice(g), applyGraceful);
  await Promise.all(slots.map((slot) => slot.done()));
  for (const slot of slots) slot.dispose();
  const failed = slots.find((slot) => slot.failure !== undefined);
  if (failed) throw failed.failure;
}

async function runRemainingGracefulSteps(
  run: ScenarioRun,
  steps: readonly VuStep[],
  apply: (step: VuStep) => void,
): Promise<void> {
  for (const step of steps) {
    if (!(await sleepUntil(run.at(step.offsetMs), run.hard))) return;
    apply(step);
  }
}

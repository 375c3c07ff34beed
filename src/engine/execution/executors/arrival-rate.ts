// The open-model loop both arrival-rate executors share: start iterations on idle VUs at scheduled times.
import { now, sleepUntil, yieldToEventLoop } from '../clock.ts';
import type { VuHandle } from '../runtime-types.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import { waitForAbort } from './vu-tasks.ts';

export interface ArrivalRateOptions {
  preAllocatedVUs: number;
  maxVUs: number;
  /** Start offsets (ms from the scenario start); only those strictly before `regularMs` are used. */
  starts: Iterable<number>;
  regularMs: number;
  /** constant-arrival-rate keeps ticking until the duration ends; ramping-arrival-rate stops after its last start. */
  waitForRegularEnd: boolean;
}

// after this many overdue starts in a row, let I/O callbacks run so finished iterations can free their VUs
const OVERDUE_BATCH = 32;

/**
 * At each start time an idle VU starts an iteration; with none idle the iteration is dropped (never queued) and,
 * below maxVUs, one more VU is initialised in the background. Times are absolute from the scenario start.
 */
export async function runArrivalRate(run: ScenarioRun, options: ArrivalRateOptions): Promise<void> {
  const owned: VuHandle[] = [];
  const idle: VuHandle[] = [];
  const inFlight = new Set<Promise<void>>();
  let unplannedLeft = options.maxVUs - options.preAllocatedVUs;
  let allocating: Promise<void> | undefined;
  let warned = false;
  let failure: unknown;
  const adopt = (vu: VuHandle | undefined): void => {
    if (!vu) return;
    owned.push(vu);
    idle.push(vu);
  };
  const startIteration = (vu: VuHandle): void => {
    const task = run
      .runIteration(vu)
      .then(
        () => void idle.push(vu),
        (error: unknown) => {
          failure ??= error; // an observer threw: stop the scenario, rethrow at the end
          run.abortHard(error);
        },
      )
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  const allocate = async (): Promise<void> => {
    try {
      adopt(await run.acquireVu());
    } catch (error) {
      run.deps.observer.warning?.(
        `scenario '${run.scenario.name}': could not initialise a VU: ${String(error)}`,
      );
    } finally {
      allocating = undefined;
    }
  };

  run.begin();
  try {
    for (let i = 0; i < options.preAllocatedVUs; i++) adopt(await run.acquireVu());
    let overdue = 0;
    for (const offsetMs of options.starts) {
      if (offsetMs >= options.regularMs || run.regularOver()) break;
      const target = run.at(offsetMs);
      if (target > now()) {
        overdue = 0;
        if (!(await sleepUntil(target, run.hard))) break;
      } else if (++overdue % OVERDUE_BATCH === 0) {
        await yieldToEventLoop();
      }
      // woke up after the end (event-loop lag): like k6, nothing starts after the regular duration
      if (run.regularOver()) break;
      const vu = idle.shift();
      if (vu) {
        startIteration(vu);
        continue;
      }
      run.drop(1);
      if (unplannedLeft === 0) {
        if (!warned) run.deps.observer.warning?.(insufficientVusMessage(run, options.maxVUs));
        warned = true;
      } else if (!allocating) {
        unplannedLeft--;
        allocating = allocate();
      }
    }
    if (options.waitForRegularEnd) await waitForAbort(run.regular);
  } finally {
    await allocating;
    await Promise.all(inFlight);
    for (const vu of owned) run.releaseVu(vu);
  }
  if (failure !== undefined) throw failure;
}

function insufficientVusMessage(run: ScenarioRun, maxVUs: number): string {
  return `scenario '${run.scenario.name}': insufficient VUs, reached ${maxVUs} active VUs and cannot initialize more`;
}

// Helpers the looping executors share: hold a VU for a task, and wait for many tasks without losing errors.
import type { VuHandle } from '../runtime-types.ts';
import type { ScenarioRun } from '../scenario-run.ts';

/** Acquires a VU for the scenario, runs `task` with it and always gives it back. */
export async function withVu(run: ScenarioRun, task: (vu: VuHandle) => Promise<void>): Promise<void> {
  const vu = await run.acquireVu();
  if (!vu) return;
  try {
    await task(vu);
  } finally {
    run.releaseVu(vu);
  }
}

/** Waits for every task; the first failure hard-stops the scenario so the others end, then is rethrown. */
export async function settleAll(run: ScenarioRun, tasks: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(
    tasks.map((task) =>
      task.catch((error: unknown) => {
        run.abortHard(error);
        throw error;
      }),
    ),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Starts `count` copies of a per-VU task and waits for all of them. */
export function runOnVus(
  run: ScenarioRun,
  count: number,
  task: (vu: VuHandle) => Promise<void>,
): Promise<void> {
  return settleAll(
    run,
    Array.from({ length: count }, () => withVu(run, task)),
  );
}

/** Resolves once `signal` aborts. */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

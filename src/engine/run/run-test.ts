// Runs one k6 script on the embedded engine: init, plan, execute, finish, and one cleanup whatever failed.
import { executeRun } from './execute-run.ts';
import { finishRun } from './finish-run.ts';
import { applyHeapPolicy } from './heap-policy.ts';
import { initRun } from './init-run.ts';
import { planRun } from './plan-run.ts';
import { RunCleanup } from './run-cleanup.ts';
import type { RunTestOptions } from './run-options.ts';
import type { RunTestResult } from './run-result.ts';

export type { RunTestResult } from './run-result.ts';

/**
 * Resolves with k6's exit code once the summaries are written; rejects (a UserError with exit 104 or 107) when
 * the script cannot start: it does not compile, its init code throws, or its options are invalid.
 */
export async function runTest(options: RunTestOptions): Promise<RunTestResult> {
  applyHeapPolicy();
  const cleanup = new RunCleanup();
  try {
    const init = await initRun(options, cleanup);
    const plan = planRun(init);
    const outcome = await executeRun(init, plan);
    return await finishRun(init, plan, outcome);
  } finally {
    // The signal listener, the timers, the JSON output and the HTTP client, whichever were opened.
    await cleanup.close();
  }
}

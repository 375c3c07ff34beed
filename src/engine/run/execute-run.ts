// Execute: setup, the VU pool and the scenarios, thresholds while they run, teardown; errors become exit codes.
import { UserError } from '../../util/errors.ts';
import { startRunApi } from './run-api.ts';
import { EXECUTION_STATUS } from './run-status.ts';
import { ExecutionScheduler } from '../execution/scheduler.ts';
import { createVuPool } from '../execution/vu-pool.ts';
import { EXIT_SCRIPT_EXCEPTION, EXIT_TEST_FAILED, EXIT_THRESHOLDS_FAILED } from '../exit-codes.ts';
import { VirtualUser } from '../runtime/vu.ts';
import { startThresholdLoop } from '../thresholds/threshold-loop.ts';
import { describeError } from './describe-error.ts';
import type { InitializedRun } from './init-run.ts';
import type { RunPlan } from './plan-run.ts';
import { ScriptAbort } from './run-control.ts';
import type { RunContext } from './run-context.ts';
import { startProgress } from './progress-reporter.ts';
import { parseSetupData, runSetup, runTeardown } from './setup-teardown.ts';

export interface ExecutionOutcome {
  exitCode: number;
  /** setup()'s data as JSON, for handleSummary's copy. */
  setupJson: string | undefined;
}

/** Runs the test proper; resolves with the exit code the summary is written under, never rejects on script errors. */
export async function executeRun({ run, main }: InitializedRun, plan: RunPlan): Promise<ExecutionOutcome> {
  const { observer, control, options } = run;
  let scheduler: ExecutionScheduler | undefined;
  const progress = startProgress({
    quiet: options.quiet ?? false,
    stderr: options.stderr ?? process.stderr,
    intervalMs: options.progressIntervalMs,
    elapsedMs: run.elapsedMs,
    scenarios: () => scheduler?.progress() ?? [],
    counters: () => observer.counters(run.elapsedMs()),
  });
  // k6 emits the vus and vus_max gauges every second.
  const vusTimer = setInterval(() => observer.emitVus(), 1000);
  vusTimer.unref();
  const stopTimers = (): void => {
    progress.stop();
    clearInterval(vusTimer);
  };
  run.cleanup.defer(stopTimers);
  let setupJson: string | undefined;
  let exitCode = 0;
  const status = run.status;
  if (options.address !== undefined) await startRunApi(run, options.address);
  try {
    // k6's order (execution/scheduler.go Run): VUs initialized, the --paused wait, then setup() and the scenarios.
    const created: VirtualUser[] = [];
    const pool = createVuPool(async (id) => {
      const vu = await VirtualUser.create(id, run.script, run.vus);
      vu.setupData = parseSetupData(setupJson);
      created.push(vu);
      return vu;
    }, plan.execution.maxPossibleVUs);
    status.status = EXECUTION_STATUS.initVUs;
    await pool.preinitialize(plan.execution.maxPlannedVUs);
    observer.pool = pool;
    status.status = EXECUTION_STATUS.initDone;
    if (status.paused) {
      run.log('info', 'paused: waiting for a resume (PATCH /v1/status {"paused": false})');
      if (!(await status.waitForStart(control.signal))) return finish(0, undefined);
      run.markStarted();
    }
    status.status = EXECUTION_STATUS.setup;
    setupJson = await runSetup(main, control);
    for (const vu of created) vu.setupData = parseSetupData(setupJson);
    status.status = EXECUTION_STATUS.running;
    scheduler = new ExecutionScheduler(plan.execution.scenarios, pool, observer, { signal: control.signal });
    const loop = plan.thresholds
      ? startThresholdLoop(plan.thresholds, {
          elapsedMs: run.elapsedMs,
          onAbort: (error) => control.abort(EXIT_THRESHOLDS_FAILED, error.message),
        })
      : undefined;
    try {
      await scheduler.run();
    } finally {
      // The last progress line comes before anything teardown logs.
      progress.stop();
      status.status = EXECUTION_STATUS.teardown;
      if (!(await runTeardown(main, setupJson, run.log))) exitCode = EXIT_SCRIPT_EXCEPTION;
      const evaluation = loop?.finalize();
      if (evaluation && evaluation.breached.length > 0 && exitCode === 0) exitCode = EXIT_THRESHOLDS_FAILED;
    }
  } catch (error) {
    exitCode = exitCodeOf(error, run) ?? exitCode;
  }
  return finish(exitCode, setupJson);

  function finish(code: number, setup: string | undefined): ExecutionOutcome {
    // Only the 1 s ticks, as in k6 (execution/scheduler.go emitVUsAndVUsMax): a run under 1 s has no vus.
    stopTimers();
    // An interrupt while the summary is written changes neither the exit code nor the reason.
    control.unwatch();
    const exit = control.code ?? (control.failed && code === 0 ? EXIT_TEST_FAILED : code);
    status.status = control.code === undefined ? EXECUTION_STATUS.ended : EXECUTION_STATUS.interrupted;
    status.tainted = exit === EXIT_THRESHOLDS_FAILED;
    return { exitCode: exit, setupJson: setup };
  }
}

/** An error that ended the run, logged with its exit code; none for a stop the run asked for (abort, Ctrl-C). */
function exitCodeOf(error: unknown, run: RunContext): number | undefined {
  if (error instanceof ScriptAbort || run.control.signal.aborted) return undefined;
  if (error instanceof UserError) {
    run.log('error', error.message);
    return error.exitCode;
  }
  run.log('error', describeError(error));
  return EXIT_SCRIPT_EXCEPTION;
}

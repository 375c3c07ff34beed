// Runs all scenarios concurrently from one run start, each at its startTime, and reports live progress.
import { createLinkedAbort, now, sleepUntil } from './clock.ts';
import { sortScenarios } from './config.ts';
import { hasWork, runExecutor } from './executors/index.ts';
import type { ExecutionObserver, ScenarioProgress, VuPool } from './runtime-types.ts';
import { ScenarioRun } from './scenario-run.ts';
import type { Scenario } from './types.ts';
import { VuActivity } from './vu-activity.ts';

export interface RunScenariosOptions {
  /** Aborting it stops every scenario at once, with no graceful period (test.abort(), SIGINT, abortOnFail). */
  signal?: AbortSignal;
}

/** Drives the scenarios of one test run; create it, read progress() while run() is pending. */
export class ExecutionScheduler {
  private readonly runs: ScenarioRun[];
  private readonly abortLink: { controller: AbortController; dispose: () => void };
  private readonly observer: ExecutionObserver;
  private started = false;

  constructor(
    scenarios: readonly Scenario[],
    pool: VuPool,
    observer: ExecutionObserver,
    options: RunScenariosOptions = {},
  ) {
    this.observer = observer;
    this.abortLink = createLinkedAbort(options.signal ?? new AbortController().signal);
    const deps = {
      pool,
      observer,
      activity: new VuActivity(pool, observer),
      runSignal: this.abortLink.controller.signal,
    };
    this.runs = sortScenarios(scenarios).map((scenario) => new ScenarioRun(scenario, deps));
  }

  /** Runs every scenario to its end; rejects with the first executor error (which aborts the others). */
  async run(): Promise<void> {
    if (this.started) throw new Error('ExecutionScheduler.run() can only be called once');
    this.started = true;
    const start = now();
    try {
      const results = await Promise.allSettled(this.runs.map((run) => this.runScenario(run, start)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    } finally {
      this.abortLink.dispose();
    }
  }

  /** Stops everything at once: in-flight iterations are interrupted, nothing new starts. */
  abort(reason?: unknown): void {
    this.abortLink.controller.abort(reason);
  }

  get aborted(): boolean {
    return this.abortLink.controller.signal.aborted;
  }

  /** One snapshot per scenario, in run order, for the live progress line. */
  progress(): ScenarioProgress[] {
    return this.runs.map((run) => run.progress());
  }

  private async runScenario(run: ScenarioRun, runStart: number): Promise<void> {
    if (!hasWork(run)) {
      this.observer.warning?.(
        `scenario '${run.scenario.name}' is disabled due to lack of work (maxVUs is 0)`,
      );
      run.skip('done');
      return;
    }
    if (!(await sleepUntil(runStart + run.scenario.startTimeMs, this.abortLink.controller.signal))) {
      run.skip('interrupted');
      return;
    }
    try {
      await runExecutor(run);
    } catch (error) {
      this.abort(error);
      throw error;
    } finally {
      run.finish();
    }
  }
}

/** Runs the scenarios with VUs from `pool`, reporting to `observer`; see ExecutionScheduler for progress. */
export function runScenarios(
  scenarios: readonly Scenario[],
  pool: VuPool,
  observer: ExecutionObserver,
  options: RunScenariosOptions = {},
): Promise<void> {
  return new ExecutionScheduler(scenarios, pool, observer, options).run();
}

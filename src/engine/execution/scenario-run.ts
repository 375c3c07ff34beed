// One scenario's live state: its deadlines, VUs, iteration counters and progress (k6's BaseExecutor + helpers).
import { performance } from 'node:perf_hooks';
import { now } from './clock.ts';
import { getMaxPossibleVUs, getScenarioRequirements } from './requirements.ts';
import type {
  ExecutionObserver,
  ScenarioProgress,
  ScenarioStatus,
  VuHandle,
  VuPool,
} from './runtime-types.ts';
import { ScenarioDeadlines } from './scenario-deadlines.ts';
import { getScenarioDurations } from './scenario-durations.ts';
import { FULL_STRIPE, SegmentedIndex, unscaledOf } from './segmented-index.ts';
import type { Scenario } from './types.ts';
import type { VuActivity } from './vu-activity.ts';

/** What every scenario run shares with the scheduler. */
export interface ScenarioRunDeps {
  pool: VuPool;
  observer: ExecutionObserver;
  activity: VuActivity;
  /** Aborted when the whole run is aborted: no grace period. */
  runSignal: AbortSignal;
}

/** Live state of one scenario; executors drive it, the scheduler reads its progress. */
export class ScenarioRun<S extends Scenario = Scenario> {
  readonly scenario: S;
  readonly deps: ScenarioRunDeps;
  /** No new iterations once aborted: the regular duration is over (or the run stopped). */
  readonly regular: AbortSignal;
  /** Aborted at the hard deadline (regular + gracefulStop) or on a run abort: in-flight iterations get interrupted. */
  readonly hard: AbortSignal;
  status: ScenarioStatus = 'waiting';
  /** The progress-bar fraction, set by the executor; time-based by default. */
  fraction: () => number = () => this.timeFraction();
  private readonly deadlines: ScenarioDeadlines;
  private readonly maxVus: number;
  private readonly totalIterations: number | undefined;
  private readonly vuIterations = new Map<number, number>();
  private startedAt = 0;
  private began = false;
  private endedAt: number | undefined;
  private readonly iterationIndex: SegmentedIndex;
  private activeVus = 0;
  private busyVus = 0;
  private ended = 0;
  private interrupted = 0;
  private dropped = 0;

  constructor(scenario: S, deps: ScenarioRunDeps) {
    this.scenario = scenario;
    this.deps = deps;
    const { regularMs, hardMs } = getScenarioDurations(scenario);
    this.deadlines = new ScenarioDeadlines(deps.runSignal, regularMs, hardMs);
    this.regular = this.deadlines.regular;
    this.hard = this.deadlines.hard;
    this.maxVus = getMaxPossibleVUs(getScenarioRequirements(scenario));
    this.iterationIndex = new SegmentedIndex(scenario.segment?.iterations ?? FULL_STRIPE);
    this.totalIterations =
      scenario.executor === 'per-vu-iterations'
        ? scenario.vus * scenario.iterations
        : scenario.executor === 'shared-iterations'
          ? scenario.iterations
          : undefined;
  }

  /** Starts the clock: from now on, no new iterations after the regular duration, hard stop after the grace. */
  begin(): void {
    this.startedAt = now();
    this.began = true;
    this.status = 'running';
    this.deadlines.start(this.startedAt);
    this.regular.addEventListener('abort', () => this.status === 'running' && (this.status = 'stopping'), {
      once: true,
    });
  }

  /** Milliseconds since begin(), on the same clock as the schedule. */
  elapsed(): number {
    return (this.endedAt ?? now()) - this.startedAt;
  }

  /** The absolute monotonic time of an offset from the scenario start. */
  at(offsetMs: number): number {
    return this.startedAt + offsetMs;
  }

  /** True once no new iteration may start; reads the clock too, so a late timer cannot let one slip through. */
  regularOver(): boolean {
    return this.deadlines.regularOver();
  }

  timeFraction(): number {
    const { regularMs } = this.deadlines;
    return regularMs > 0 ? Math.min(1, this.elapsed() / regularMs) : 1;
  }

  /** A VU from the pool, or undefined when the scenario hard-stopped while waiting for one. */
  async acquireVu(): Promise<VuHandle | undefined> {
    let vu: VuHandle;
    try {
      vu = await this.deps.pool.acquire(this.hard);
    } catch (error) {
      if (this.hard.aborted) return undefined;
      throw error;
    }
    if (this.hard.aborted) {
      this.deps.pool.release(vu); // initialised after the deadline: nothing left to do with it
      return undefined;
    }
    this.activeVus++;
    this.deps.activity.changeActive(+1);
    return vu;
  }

  releaseVu(vu: VuHandle): void {
    this.deps.pool.release(vu);
    this.activeVus--;
    this.deps.activity.changeActive(-1);
  }

  /** Runs one iteration and reports it; resolves to whether it was interrupted by `signal`. */
  async runIteration(vu: VuHandle, signal: AbortSignal = this.hard): Promise<boolean> {
    const { scenario, deps } = this;
    const vuIteration = this.vuIterations.get(vu.id) ?? 0;
    this.vuIterations.set(vu.id, vuIteration + 1);
    const { scaled, unscaled } = this.iterationIndex.next(); // k6's nextIterationCounters
    const ctx = {
      scenario: scenario.name,
      executor: scenario.executor,
      exec: scenario.exec,
      iterationInScenario: scaled - 1,
      iterationInTest: unscaled - 1,
      vuIdInTest: scenario.segment ? unscaledOf(scenario.segment.vus, vu.id) : vu.id,
      vuIterationInScenario: vuIteration,
      scenarioStartTime: performance.timeOrigin + this.startedAt,
      scenarioProgress: () => this.fraction(),
      signal,
    };
    this.busyVus++;
    deps.activity.changeBusy(+1);
    const started = now();
    try {
      await vu.runIteration(ctx);
    } catch (error) {
      if (deps.observer.iterationFailed) deps.observer.iterationFailed(scenario.name, vu, error);
      else
        deps.observer.warning?.(
          `scenario '${scenario.name}', VU ${vu.id}: iteration failed: ${String(error)}`,
        );
    }
    const durationMs = now() - started;
    this.busyVus--;
    deps.activity.changeBusy(-1);
    const interrupted = signal.aborted;
    this.ended++;
    if (interrupted) this.interrupted++;
    deps.observer.iterationDone(scenario.name, vu, durationMs, interrupted);
    return interrupted;
  }

  /** Reports dropped iterations; like k6's PushIfNotDone, nothing is reported once the run is aborted. */
  drop(count: number, vuId?: number): void {
    if (count <= 0 || this.deps.runSignal.aborted) return;
    this.dropped += count;
    this.deps.observer.dropped(this.scenario.name, count, vuId);
  }

  /** The number of iterations that ended so far, interrupted ones included. */
  endedIterations(): number {
    return this.ended;
  }

  /** Interrupts everything at once, e.g. when a VU could not be initialised. */
  abortHard(reason?: unknown): void {
    this.deadlines.abortHard(reason);
  }

  /** Stops the timers, cancels anything still waiting (k6 cancels its contexts) and records how it ended. */
  finish(): void {
    this.endedAt = now();
    const interrupted = this.deps.runSignal.aborted;
    this.deadlines.close();
    this.status = interrupted ? 'interrupted' : 'done';
  }

  /** Marks a scenario that never ran: aborted before its startTime, or without work. */
  skip(status: 'done' | 'interrupted'): void {
    this.deadlines.discard();
    this.status = status;
  }

  progress(): ScenarioProgress {
    const started = this.began;
    return {
      scenario: this.scenario.name,
      executor: this.scenario.executor,
      status: this.status,
      elapsedMs: started ? this.elapsed() : 0,
      durationMs: this.deadlines.regularMs,
      fraction: started ? this.fraction() : 0,
      activeVus: this.activeVus,
      busyVus: this.busyVus,
      maxVus: this.maxVus,
      iterations: this.ended,
      interrupted: this.interrupted,
      dropped: this.dropped,
      ...(this.totalIterations === undefined ? {} : { totalIterations: this.totalIterations }),
    };
  }
}

// The contracts between the executors and the rest of the engine: VUs come from a pool, results go to an observer.
import type { ExecutorType } from './types.ts';

/** What a VU needs to run one iteration of a scenario. */
export interface IterationContext {
  scenario: string;
  executor: ExecutorType;
  /** Exported function to call ("default" unless the scenario sets `exec`). */
  exec: string;
  /** 0-based, unique within the scenario on this instance (exec.scenario.iterationInInstance). */
  iterationInScenario: number;
  /** 0-based, unique within the scenario across all execution segments (exec.scenario.iterationInTest). */
  iterationInTest: number;
  /** 1-based VU id across all execution segments (exec.vu.idInTest); the VU's own id without a segment. */
  vuIdInTest: number;
  /** 0-based count of this VU's iterations in this scenario (exec.vu.iterationInScenario). */
  vuIterationInScenario: number;
  /** Unix ms when the scenario started (exec.scenario.startTime). */
  scenarioStartTime: number;
  /** The scenario's progress in [0, 1] right now (exec.scenario.progress). */
  scenarioProgress: () => number;
  /** Aborted on a hard stop (gracefulStop or gracefulRampDown exceeded, or the run aborted). */
  signal: AbortSignal;
}

/** A VU as the executors see it; the JS runtime behind it stays in the engine. */
export interface VuHandle {
  /** 1-based, unique in the test (__VU, exec.vu.idInTest). */
  readonly id: number;
  /** Resolves when the iteration ends; must end promptly once `ctx.signal` aborts. Script errors are its own. */
  runIteration(ctx: IterationContext): Promise<void>;
}

/** The global VU pool shared by all scenarios (k6 hands out the same VUs 1..max across scenarios). */
export interface VuPool {
  /**
   * An idle VU, or a newly initialised one while fewer than the cap exist, else waits for a release. Rejects if
   * `signal` aborts while waiting (a scenario's hard deadline, or the run aborting).
   */
  acquire(signal?: AbortSignal): Promise<VuHandle>;
  /** Gives a VU back; it becomes idle and is handed to the longest waiting acquire() first. */
  release(vu: VuHandle): void;
  /** How many VUs have been initialised so far (the `vus_max` gauge). */
  initialized(): number;
}

/** Receives what happens during the run; implemented by the metrics side of the engine. */
export interface ExecutionObserver {
  /** Every iteration that ran; interrupted ones must not emit `iterations`/`iteration_duration`. */
  iterationDone(scenario: string, vu: VuHandle, durationMs: number, interrupted: boolean): void;
  /** `dropped_iterations` += count; `vuId` is set for per-vu-iterations, which k6 reports per VU. */
  dropped(scenario: string, count: number, vuId?: number): void;
  /**
   * Called when VU counts change. `active` is k6's `vus` gauge (VUs held by executors, idle arrival-rate VUs
   * included), `max` is `vus_max` (initialised VUs), `busy` the VUs inside an iteration right now.
   */
  vusChanged(active: number, max: number, busy: number): void;
  /** `runIteration` rejected: k6 logs it and still counts the iteration. */
  iterationFailed?(scenario: string, vu: VuHandle, error: unknown): void;
  /** Non-fatal notices, e.g. an arrival-rate scenario running out of VUs. */
  warning?(message: string): void;
}

export type ScenarioStatus = 'waiting' | 'running' | 'stopping' | 'done' | 'interrupted';

/** One scenario's state for the live progress line; computed here, rendered elsewhere. */
export interface ScenarioProgress {
  scenario: string;
  executor: ExecutorType;
  status: ScenarioStatus;
  /** Since the scenario started (0 while waiting for its startTime). */
  elapsedMs: number;
  /** The regular duration (stages sum, duration or maxDuration). */
  durationMs: number;
  /** k6's progress-bar fraction: time-based, or done/total iterations for the iteration executors. */
  fraction: number;
  activeVus: number;
  busyVus: number;
  maxVus: number;
  /** Iterations that ended, interrupted ones included. */
  iterations: number;
  interrupted: number;
  dropped: number;
  /** For the iteration-based executors: the planned total. */
  totalIterations?: number;
}

import type { UserError } from '../../util/errors.ts';
import { evaluateThresholds, type ThresholdEvaluation } from './evaluate-thresholds.ts';
import { thresholdAbortError } from './threshold-errors.ts';
import type { ThresholdSet } from './threshold-set.ts';

/** k6 evaluates thresholds every 2 s while the test runs (engine.go thresholdsRate). */
export const THRESHOLD_INTERVAL_MS = 2000;

export interface ThresholdLoopOptions {
  /** Current test-run duration in ms. */
  readonly elapsedMs: () => number;
  /** Called once, with an exit-99 error, when an abortOnFail threshold fails. */
  readonly onAbort: (error: UserError) => void;
  readonly intervalMs?: number;
}

export interface ThresholdLoop {
  /** Stops the periodic runs and evaluates once more without skipping empty sinks. */
  finalize(): ThresholdEvaluation;
}

/** Starts periodic threshold evaluation (skipping empty sinks) with abort-on-fail handling. */
export function startThresholdLoop(set: ThresholdSet, options: ThresholdLoopOptions): ThresholdLoop {
  let aborted = false;
  const tick = (): void => {
    const result = evaluateThresholds(set, { elapsedMs: options.elapsedMs(), ignoreEmptySinks: true });
    if (!result.shouldAbort || aborted) return;
    aborted = true;
    options.onAbort(thresholdAbortError(result.breached));
  };
  const timer =
    set.entries.length > 0 ? setInterval(tick, options.intervalMs ?? THRESHOLD_INTERVAL_MS) : undefined;
  timer?.unref();
  return {
    finalize(): ThresholdEvaluation {
      if (timer !== undefined) clearInterval(timer);
      return evaluateThresholds(set, { elapsedMs: options.elapsedMs(), ignoreEmptySinks: false });
    },
  };
}

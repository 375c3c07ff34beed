import { UserError } from '../../util/errors.ts';

/** k6 exitcodes.InvalidConfig: a threshold names an unknown metric or cannot be parsed. */
export const EXIT_INVALID_CONFIG = 104;
/** k6 exitcodes.ThresholdsHaveFailed. */
export const EXIT_THRESHOLDS_FAILED = 99;

/** A config error (exit 104) naming the threshold key and, when known, the expression. */
export function invalidThresholdError(metricName: string, reason: string, source?: string): UserError {
  const what = source === undefined ? '' : ` "${source}"`;
  return new UserError(`invalid threshold${what} on metric '${metricName}': ${reason}`, EXIT_INVALID_CONFIG);
}

/** The error k6 aborts the run with when an abortOnFail threshold fails (exit 99). */
export function thresholdAbortError(breached: readonly string[]): UserError {
  return new UserError(
    `thresholds on metrics '${breached.join(', ')}' were crossed; at least one has abortOnFail enabled, stopping test prematurely`,
    EXIT_THRESHOLDS_FAILED,
  );
}

/** The error k6 ends with when thresholds failed at the final evaluation (exit 99). */
export function thresholdsCrossedError(breached: readonly string[]): UserError {
  return new UserError(
    `thresholds on metrics '${breached.join(', ')}' have been crossed`,
    EXIT_THRESHOLDS_FAILED,
  );
}

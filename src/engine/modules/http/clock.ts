// One monotonic clock for every timing, so differences never jump with wall-clock adjustments.

/** Milliseconds (fractional) on the monotonic clock. */
export function monotonicNow(): number {
  return performance.now();
}

/** Converts a monotonic reading into epoch milliseconds, the unit of `Sample.time`. */
export function toEpochMs(monotonic: number): number {
  return performance.timeOrigin + monotonic;
}

/** Epoch milliseconds now, with sub-millisecond precision. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

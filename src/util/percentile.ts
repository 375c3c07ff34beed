// Percentiles outside the engine, in the two definitions the toolkit uses: k6's linear interpolation for every
// figure shown, and the closest rank for a quick spread test where interpolating buys nothing.

/**
 * The q-quantile (q in [0, 1]) of ascending values by linear interpolation between closest ranks (R-7, numpy
 * "linear", k6's TrendSink): what every latency percentile of a report means. 0 when there is no value.
 */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  if (sorted.length === 1) return sorted[0] ?? 0;
  const index = q * (sorted.length - 1);
  const lower = Math.floor(index);
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.ceil(index)] ?? 0;
  return low + (high - low) * (index - lower);
}

/** The p-th percentile (p in 0-100) of values in any order, as quantileOfSorted; undefined when there is none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    p / 100,
  );
}

/** The q-quantile of ascending values at the closest rank, round(q (n - 1)), without interpolating; 0 for none. */
export function closestRankOfSorted(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index] ?? 0;
}

/**
 * k6's TrendSink.P over sorted values: linear interpolation between closest ranks (R-7, numpy "linear").
 * `p` is a fraction in [0, 1]; n=0 gives 0 and n=1 gives the only value.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, count: number, p: number): number {
  if (count === 0) return 0;
  if (count === 1) return sorted[0] ?? 0;
  const index = p * (count - 1);
  const lower = Math.floor(index);
  const upper = Math.ceil(index);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? 0;
  return low + (high - low) * (index - lower);
}

// The trend math the stability detectors share (batch-test across batches, soak across windows, make bench's
// soak row): least-squares slope, coefficient of variation, and the relative change between two values.

/** Least-squares slope of ys against xs (ys against 0..n-1 when xs is omitted); 0 for fewer than two points. */
export function computeSlope(ys: readonly number[], xs?: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const x = (i: number): number => xs?.[i] ?? i;
  const mx = ys.reduce((sum, _y, i) => sum + x(i), 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (x(i) - mx) * (y - my);
    den += (x(i) - mx) ** 2;
  });
  return den > 0 ? num / den : 0;
}

/** Population standard deviation over the mean; 0 for fewer than two values. */
export function computeCv(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return mean > 0 ? Math.sqrt(variance) / mean : 0;
}

/** (last - first) / first: +0.2 is 20% more; undefined when first is not a positive number. */
export function computeRelativeChange(
  first: number | undefined,
  last: number | undefined,
): number | undefined {
  if (first === undefined || last === undefined || !(first > 0)) return undefined;
  return (last - first) / first;
}

/** True when every value is above the one before it (at least two values). */
export function isRisingThroughout(values: readonly number[]): boolean {
  return values.length >= 2 && values.every((v, i) => i === 0 || v > (values[i - 1] ?? v));
}

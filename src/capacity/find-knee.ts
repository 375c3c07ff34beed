// The knee of a rising curve that flattens (throughput against requests in flight): Kneedle's point farthest
// above the chord once both axes are scaled to [0, 1] (Satopaa et al., 2011), for a concave increasing curve.

export interface CurvePoint {
  x: number;
  y: number;
}

/** The index (into `points` sorted by x) of the knee; undefined with under three points or no bend. */
export function findKnee(points: readonly CurvePoint[]): number | undefined {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  if (sorted.length < 3) return undefined;
  const xs = sorted.map((p) => p.x);
  const ys = sorted.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (!(x1 > x0) || !(y1 > y0)) return undefined;
  let best: number | undefined;
  let bestGap = 0;
  sorted.forEach((p, i) => {
    const gap = (p.y - y0) / (y1 - y0) - (p.x - x0) / (x1 - x0);
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  });
  // The same point in the caller's order.
  return best === undefined ? undefined : points.indexOf(sorted[best] as CurvePoint);
}

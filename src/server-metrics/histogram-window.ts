// Prometheus histograms over a window: subtract the cumulative buckets of two scrapes, then interpolate
// linearly inside the bucket that holds the quantile (as histogram_quantile does).
import type { PromSample } from './parse-prometheus.ts';

/** Cumulative bucket counts by upper bound (`le`), summed across every other label; +Inf included. */
export type HistogramBuckets = Map<number, number>;

/** The buckets of histogram `name` (the `_bucket` series) in one scrape; undefined when it has none. */
export function readHistogram(samples: readonly PromSample[], name: string): HistogramBuckets | undefined {
  const buckets: HistogramBuckets = new Map();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || s.labels['le'] === undefined) continue;
    const le = s.labels['le'] === '+Inf' ? Infinity : Number(s.labels['le']);
    if (Number.isNaN(le)) continue;
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  return buckets.size > 0 ? buckets : undefined;
}

/**
 * The q-quantile (0-1) of the observations made between two scrapes, in the histogram's unit; undefined
 * when nothing was observed in between. A quantile in the +Inf bucket reads as the highest finite bound.
 */
export function windowQuantile(
  before: HistogramBuckets | undefined,
  after: HistogramBuckets,
  q: number,
): number | undefined {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => Math.max(0, (after.get(le) ?? 0) - (before?.get(le) ?? 0)));
  const total = counts.at(-1) ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    const count = counts[i] as number;
    if (count < rank) continue;
    const upper = bounds[i] as number;
    const lower = i === 0 ? 0 : (bounds[i - 1] as number);
    if (upper === Infinity) return lower;
    const below = i === 0 ? 0 : (counts[i - 1] as number);
    const inBucket = count - below;
    return inBucket <= 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
  }
  return bounds.at(-2);
}

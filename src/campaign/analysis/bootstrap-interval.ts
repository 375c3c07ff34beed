// Percentile bootstrap confidence intervals: resample the measurements with replacement (seeded, so the same
// record gives the same interval), re-estimate, and take the middle share of the estimates.
import { mulberry32 } from '../../util/mulberry32.ts';
import { quantileOfSorted } from '../../util/percentile.ts';

/** A confidence interval from `resamples` estimates that could be made. */
export interface Interval {
  low: number;
  high: number;
  /** e.g. 0.95. */
  level: number;
  resamples: number;
}

/** How many resamples, at which level, from which seed. */
export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  seed?: number;
}

/** The default seed: any fixed number; a record's intervals only need to be the same each time. */
export const BOOTSTRAP_SEED = 15;

/**
 * One interval per component of `estimate` (e.g. [sigma, kappa]), from resamples of `items`; a resample the
 * estimate refuses (too few distinct points) is drawn again, up to a limit. Undefined when too few succeed.
 */
export function bootstrapIntervals<T>(
  items: readonly T[],
  estimate: (sample: readonly T[]) => readonly number[] | undefined,
  options: BootstrapOptions = {},
): Interval[] | undefined {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const next = mulberry32(options.seed ?? BOOTSTRAP_SEED);
  if (items.length === 0) return undefined;
  const estimates: number[][] = [];
  for (let attempt = 0; attempt < resamples * 3 && estimates.length < resamples; attempt++) {
    const sample = items.map(() => items[Math.floor((next() / 2 ** 32) * items.length)] as T);
    const values = estimate(sample);
    if (values) estimates.push([...values]);
  }
  if (estimates.length < resamples / 2) return undefined;
  const width = estimates[0]?.length ?? 0;
  return Array.from({ length: width }, (_, component) => {
    const sorted = estimates.map((values) => values[component] ?? 0).sort((a, b) => a - b);
    return {
      low: quantileOfSorted(sorted, (1 - level) / 2),
      high: quantileOfSorted(sorted, 1 - (1 - level) / 2),
      level,
      resamples: estimates.length,
    };
  });
}

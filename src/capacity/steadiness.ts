// Whether a step at a constant load has settled: its throughput known to within +-5% (a 95% confidence interval
// from batch means, which tolerates the autocorrelation of per-second counts) and neither TTFT nor the requests
// in flight trending up. A step whose TTFT and in-flight count both keep climbing has run away: the server
// takes less than it is offered and the queue grows without bound.
import { computeSlope } from '../diagnose/soak/trend.ts';
import { percentText } from '../util/percent-text.ts';
import { formatRate } from './format-rate.ts';

/** A step's window cut into equal batches of time, one value per batch. */
export interface BatchSeries {
  /** Seconds of each batch. */
  batchSeconds: number;
  /** Requests finished per second, per batch. */
  throughput: readonly number[];
  /** Median TTFT (ms) of the requests finished in each batch; undefined where none finished or had one. */
  ttft: readonly (number | undefined)[];
  /** Mean requests in flight per batch (Little's law); undefined where none finished. */
  inFlight: readonly (number | undefined)[];
}

export interface SteadinessRule {
  /** Half-width of throughput's 95% interval, as a share of its mean, within which it counts as known. */
  ciShare: number;
  /** Fewest batches to judge from. */
  minBatches: number;
  /** A significant rise over the window above this share of the mean is a trend. */
  trendShare: number;
  /** A rise of both TTFT and in-flight above this share is a runaway. */
  runawayShare: number;
  /** Rises smaller than these in absolute terms are noise, whatever their share (5 ms to 8 ms is not a queue). */
  minTtftRiseMs: number;
  minInFlightRise: number;
  /** A runaway must rise at least this much in absolute terms too (a few stragglers at 2 req/s are not one). */
  runawayTtftRiseMs: number;
  runawayInFlightRise: number;
}

export const DEFAULT_STEADINESS: Readonly<SteadinessRule> = Object.freeze({
  ciShare: 0.05,
  minBatches: 6,
  trendShare: 0.1,
  runawayShare: 0.5,
  minTtftRiseMs: 50,
  minInFlightRise: 0.5,
  runawayTtftRiseMs: 500,
  runawayInFlightRise: 2,
});

/** A series' linear trend over the window: its rise as a share of its mean, and whether it is significant. */
export interface Trend {
  rise: number;
  /** The mean it rises from, in the series' unit. */
  mean: number;
  significant: boolean;
}

export interface Steadiness {
  state: 'steady' | 'unsteady' | 'runaway';
  /** Throughput's mean (req/s) and the half-width of its 95% interval as a share of the mean. */
  throughput: { mean: number; halfWidthShare: number };
  ttft?: Trend;
  inFlight?: Trend;
  /** One line: why the state is what it is. */
  why: string;
}

// Student's t, two-sided 95%, by degrees of freedom 1..30; 1.96 beyond.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The two-sided 95% quantile of Student's t with `df` degrees of freedom. */
export function t95(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  return T95[Math.floor(df) - 1] ?? 1.96;
}

function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The mean and its 95% interval's half-width (as a share of the mean) from independent batch means. */
export function batchMeanInterval(values: readonly number[]): { mean: number; halfWidthShare: number } {
  const n = values.length;
  const mean = meanOf(values);
  if (n < 2 || !(mean > 0)) return { mean, halfWidthShare: Number.POSITIVE_INFINITY };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { mean, halfWidthShare: (t95(n - 1) * Math.sqrt(variance / n)) / mean };
}

/**
 * The least-squares trend of the defined values against their batch index: the fitted rise over the whole
 * window as a share of the mean, significant when the slope's t statistic passes the 95% bound. Undefined with
 * fewer than three values or a mean that is not positive.
 */
export function trendOf(values: readonly (number | undefined)[]): Trend | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined && Number.isFinite(v)) {
      xs.push(i);
      ys.push(v);
    }
  });
  const n = ys.length;
  const mean = meanOf(ys);
  if (n < 3 || !(mean > 0)) return undefined;
  const slope = computeSlope(ys, xs);
  const mx = meanOf(xs);
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const residual = ys.reduce((sum, y, i) => sum + (y - (mean + slope * ((xs[i] ?? 0) - mx))) ** 2, 0);
  const se = Math.sqrt(residual / (n - 2) / sxx);
  const span = (xs[n - 1] ?? 0) - (xs[0] ?? 0);
  const significant = se === 0 ? slope !== 0 : Math.abs(slope / se) > t95(n - 2);
  return { rise: (slope * span) / mean, mean, significant };
}

/** A significant rise above `share` of the mean and above `floor` in the series' unit. */
export function isRising(trend: Trend | undefined, share: number, floor: number): boolean {
  return trend !== undefined && trend.significant && trend.rise > share && trend.rise * trend.mean > floor;
}

/** Judges a window's batches against the rule. */
export function judgeSteadiness(
  series: BatchSeries,
  rule: Readonly<SteadinessRule> = DEFAULT_STEADINESS,
): Steadiness {
  const throughput = batchMeanInterval(series.throughput);
  const ttft = trendOf(series.ttft);
  const inFlight = trendOf(series.inFlight);
  const base = {
    throughput,
    ...(ttft ? { ttft } : {}),
    ...(inFlight ? { inFlight } : {}),
  };
  const n = series.throughput.length;
  if (
    isRising(ttft, rule.runawayShare, rule.runawayTtftRiseMs) &&
    isRising(inFlight, rule.runawayShare, rule.runawayInFlightRise)
  ) {
    return {
      ...base,
      state: 'runaway',
      why: `running away: TTFT up ${percentText(ttft?.rise ?? 0)} and requests in flight up ${percentText(inFlight?.rise ?? 0)} at a constant load`,
    };
  }
  if (n < rule.minBatches) {
    return { ...base, state: 'unsteady', why: `${n} of ${rule.minBatches} batches so far` };
  }
  const ci = `throughput ${formatRate(throughput.mean)} +-${percentText(throughput.halfWidthShare)}`;
  if (!(throughput.halfWidthShare <= rule.ciShare)) {
    return { ...base, state: 'unsteady', why: `${ci}, wider than +-${percentText(rule.ciShare)}` };
  }
  for (const [name, trend, floor] of [
    ['TTFT', ttft, rule.minTtftRiseMs],
    ['requests in flight', inFlight, rule.minInFlightRise],
  ] as const) {
    if (isRising(trend, rule.trendShare, floor)) {
      return {
        ...base,
        state: 'unsteady',
        why: `${ci}, but ${name} rising ${percentText(trend?.rise ?? 0)}`,
      };
    }
  }
  return { ...base, state: 'steady', why: `steady: ${ci}, no latency trend` };
}

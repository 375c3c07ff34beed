// Throughput and latency against load level: the saturation view of a run's time series.
import { quantileOfSorted } from '../util/percentile.ts';
import type { RunSeries } from './run-series.ts';

/** What a level counts: active VUs (MODE=vus, closed loop) or offered requests/s (MODE=rate, open loop). */
export type LevelKind = 'vus' | 'rate';

/** One load level, over its steady buckets only. */
export interface ConcurrencyLevel {
  /** Active VUs, or the offered arrival rate in requests/s. */
  concurrency: number;
  buckets: number;
  seconds: number;
  requests: number;
  failed: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  /** Over the requests that finished in the level's buckets. */
  e2eP95Ms?: number;
  ttftP95Ms?: number;
  /** failed / requests; undefined when nothing finished. */
  errorShare?: number;
}

export interface ConcurrencyCurve {
  levelKind: LevelKind;
  /** Ascending by concurrency. */
  levels: ConcurrencyLevel[];
}

export interface CurveOptions {
  levelBy?: LevelKind;
  /** MODE=rate: buckets averaged (centred) before rounding, so evenly spaced arrivals don't flicker. */
  rateWindowBuckets?: number;
  /** MODE=rate: the offered rate is rounded to this many requests/s. */
  rateStep?: number;
}

interface LevelAcc {
  buckets: number;
  seconds: number;
  requests: number;
  failed: number;
  outputTokens: number;
  e2e: number[];
  ttft: number[];
}

/**
 * Groups buckets by load level. A bucket counts when it and the bucket before it are steady at the same level:
 * ramp buckets (the vus gauge moved) and the first bucket of each level are left out, as is level 0.
 */
export function computeConcurrencyCurve(
  series: Pick<RunSeries, 'buckets' | 'bucketLatencies'>,
  options: CurveOptions = {},
): ConcurrencyCurve {
  const levelKind = options.levelBy ?? 'vus';
  const levels = levelKind === 'vus' ? vusLevels(series) : rateLevels(series, options);
  const accs = new Map<number, LevelAcc>();
  series.buckets.forEach((bucket, index) => {
    const level = levels[index];
    const previous = levels[index - 1];
    if (level === undefined || level <= 0 || previous !== level) return;
    if (levelKind === 'vus' && (!bucket.vusSteady || !series.buckets[index - 1]?.vusSteady)) return;
    const acc = accs.get(level) ?? {
      buckets: 0,
      seconds: 0,
      requests: 0,
      failed: 0,
      outputTokens: 0,
      e2e: [],
      ttft: [],
    };
    const latencies = series.bucketLatencies[index];
    acc.buckets += 1;
    acc.seconds += bucket.seconds;
    acc.requests += bucket.requests;
    acc.failed += bucket.failed;
    acc.outputTokens += bucket.outputTokensPerSecond * bucket.seconds;
    // A loop, not push(...values): a busy bucket can hold more values than a call takes arguments.
    for (const value of latencies?.e2eMs ?? []) acc.e2e.push(value);
    for (const value of latencies?.ttftMs ?? []) acc.ttft.push(value);
    accs.set(level, acc);
  });
  return {
    levelKind,
    levels: [...accs.entries()]
      .sort(([a], [b]) => a - b)
      .map(([concurrency, acc]) => finishLevel(concurrency, acc)),
  };
}

function vusLevels(series: Pick<RunSeries, 'buckets'>): (number | undefined)[] {
  return series.buckets.map((bucket) => bucket.activeVus);
}

function rateLevels(series: Pick<RunSeries, 'buckets'>, options: CurveOptions): number[] {
  const half = Math.floor((options.rateWindowBuckets ?? 5) / 2);
  const step = options.rateStep ?? 0.5;
  const { buckets } = series;
  return buckets.map((_, index) => {
    const window = buckets.slice(Math.max(0, index - half), index + half + 1);
    const offered = window.reduce((sum, b) => sum + b.offeredPerSecond * b.seconds, 0);
    const seconds = window.reduce((sum, b) => sum + b.seconds, 0);
    // toFixed: steps such as 0.1 would otherwise give 0.30000000000000004 and split a level in two.
    return Number((Math.round(offered / seconds / step) * step).toFixed(9));
  });
}

function finishLevel(concurrency: number, acc: LevelAcc): ConcurrencyLevel {
  const e2e = acc.e2e.sort((a, b) => a - b);
  const ttft = acc.ttft.sort((a, b) => a - b);
  return {
    concurrency,
    buckets: acc.buckets,
    seconds: acc.seconds,
    requests: acc.requests,
    failed: acc.failed,
    requestsPerSecond: acc.requests / acc.seconds,
    outputTokensPerSecond: acc.outputTokens / acc.seconds,
    ...(e2e.length > 0 ? { e2eP95Ms: quantileOfSorted(e2e, 0.95) } : {}),
    ...(ttft.length > 0 ? { ttftP95Ms: quantileOfSorted(ttft, 0.95) } : {}),
    ...(acc.requests > 0 ? { errorShare: acc.failed / acc.requests } : {}),
  };
}

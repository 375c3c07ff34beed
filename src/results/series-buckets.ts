// The time buckets of a run's series: what each bucket counts as points come, and the finished buckets.
import { quantileOfSorted } from '../util/percentile.ts';
import type { BucketLatencies, SeriesBucket } from './run-series.ts';

/** What one bucket has counted so far. */
export interface BucketAcc {
  requests: number;
  failed: number;
  outputTokens: number;
  promptTokens: number;
  offered: number;
  ttft: number[];
  e2e: number[];
  errors: Record<string, number>;
  vusLast?: number;
  vusLastTime: number;
  vusMin: number;
  vusMax: number;
}

/** A bucket that has counted nothing. */
export function createBucketAcc(): BucketAcc {
  return {
    requests: 0,
    failed: 0,
    outputTokens: 0,
    promptTokens: 0,
    offered: 0,
    ttft: [],
    e2e: [],
    errors: {},
    vusLastTime: Number.NEGATIVE_INFINITY,
    vusMin: Number.POSITIVE_INFINITY,
    vusMax: Number.NEGATIVE_INFINITY,
  };
}

/** A sample of the vus gauge: the latest one is the bucket's value, the spread tells whether it was steady. */
export function addVus(acc: BucketAcc, value: number, time: number): void {
  if (time >= acc.vusLastTime) {
    acc.vusLast = value;
    acc.vusLastTime = time;
  }
  acc.vusMin = Math.min(acc.vusMin, value);
  acc.vusMax = Math.max(acc.vusMax, value);
}

/** A request that finished in the bucket, failed when `errorKind` is set. */
export function addOutcome(acc: BucketAcc, errorKind: string | undefined): void {
  acc.requests += 1;
  if (errorKind === undefined) return;
  acc.failed += 1;
  acc.errors[errorKind] = (acc.errors[errorKind] ?? 0) + 1;
}

/** The buckets as the series shows them, and the sorted latencies of each, from `startMs` on. */
export function finishBuckets(
  accs: BucketAcc[],
  startMs: number,
  bucketMs: number,
  endMs: number | undefined,
): { buckets: SeriesBucket[]; latencies: BucketLatencies[] } {
  const buckets: SeriesBucket[] = [];
  const latencies: BucketLatencies[] = [];
  let carried: number | undefined;
  accs.forEach((acc, index) => {
    const from = startMs + index * bucketMs;
    const until = endMs !== undefined && endMs > from ? Math.min(from + bucketMs, endMs) : from + bucketMs;
    const seconds = (until - from) / 1000;
    const sampled = acc.vusLast !== undefined;
    const vusSteady =
      !sampled || (acc.vusMin === acc.vusMax && (carried === undefined || carried === acc.vusMin));
    const activeVus = acc.vusLast ?? carried;
    carried = activeVus;
    const ttft = acc.ttft.sort((a, b) => a - b);
    const e2e = acc.e2e.sort((a, b) => a - b);
    latencies.push({ ttftMs: ttft, e2eMs: e2e });
    buckets.push({
      t: (index * bucketMs) / 1000,
      seconds,
      ...(activeVus !== undefined ? { activeVus } : {}),
      vusSteady,
      requests: acc.requests,
      failed: acc.failed,
      requestsPerSecond: acc.requests / seconds,
      outputTokensPerSecond: acc.outputTokens / seconds,
      promptTokensPerSecond: acc.promptTokens / seconds,
      offeredPerSecond: acc.offered / seconds,
      ...(ttft.length > 0
        ? { ttftP50Ms: quantileOfSorted(ttft, 0.5), ttftP95Ms: quantileOfSorted(ttft, 0.95) }
        : {}),
      ...(e2e.length > 0 ? { e2eP95Ms: quantileOfSorted(e2e, 0.95) } : {}),
      errorsByKind: acc.errors,
    });
  });
  return { buckets, latencies };
}

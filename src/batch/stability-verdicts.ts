// The verdicts across batches: memory leak, throughput consistency, model reloads, success.
import type { BatchStats } from './batch-stats.ts';

export interface StabilityThresholds {
  /** Total RSS growth from before the first batch to after the last that counts as a leak. */
  readonly leakDeltaBytes: number;
  /** RSS growth per batch (least-squares slope) that, with growth in every batch, counts as a leak. */
  readonly leakSlopeBytes: number;
  /** Coefficient of variation of req/s between batches above which throughput is not consistent. */
  readonly maxThroughputCv: number;
}

export const DEFAULT_THRESHOLDS: StabilityThresholds = {
  leakDeltaBytes: 512 * 1024 ** 2,
  leakSlopeBytes: 100 * 1024 ** 2,
  maxThroughputCv: 0.1,
};

export interface Verdict<V extends string> {
  readonly verdict: V;
  readonly reason: string;
}

export interface StabilityVerdicts {
  readonly memory: Verdict<'flat' | 'leak' | 'not judged'> & {
    deltaBytes?: number;
    slopeBytesPerBatch?: number;
  };
  readonly throughput: Verdict<'consistent' | 'degrading' | 'variable' | 'not judged'> & { cv?: number };
  readonly reload: Verdict<'stayed loaded' | 'reloaded' | 'not judged'>;
  readonly success: Verdict<'all succeeded' | 'failures'> & { rate: number };
}

const MB = 1024 ** 2;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** Least-squares slope of ys against 0..n-1. */
export function computeSlope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** Population standard deviation over the mean; 0 for fewer than two values. */
export function computeCv(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return mean > 0 ? Math.sqrt(variance) / mean : 0;
}

function judgeMemory(batches: readonly BatchStats[], t: StabilityThresholds): StabilityVerdicts['memory'] {
  const ranges = batches.map((b) => b.rssBytes);
  const first = ranges[0];
  if (!first || ranges.some((r) => r === undefined))
    return { verdict: 'not judged', reason: 'the server RSS was not sampled in every batch (no pid known)' };
  const points = [first.before, ...ranges.map((r) => r?.after ?? 0)];
  const deltaBytes = (points.at(-1) ?? 0) - first.before;
  const slope = computeSlope(points);
  const grewEveryBatch = points.every((p, i) => i === 0 || p > (points[i - 1] ?? p));
  const figures = { deltaBytes, slopeBytesPerBatch: slope };
  if (deltaBytes >= t.leakDeltaBytes)
    return {
      verdict: 'leak',
      reason: `RSS grew ${mb(deltaBytes)} (limit ${mb(t.leakDeltaBytes)})`,
      ...figures,
    };
  if (points.length >= 3 && slope >= t.leakSlopeBytes && grewEveryBatch) {
    const reason = `RSS grew in every batch, ${mb(slope)} per batch (limit ${mb(t.leakSlopeBytes)})`;
    return { verdict: 'leak', reason, ...figures };
  }
  return { verdict: 'flat', reason: `RSS changed ${mb(deltaBytes)}, ${mb(slope)} per batch`, ...figures };
}

function judgeThroughput(
  batches: readonly BatchStats[],
  t: StabilityThresholds,
): StabilityVerdicts['throughput'] {
  if (batches.length < 2) return { verdict: 'not judged', reason: 'one batch: nothing to compare' };
  const rates = batches.map((b) => b.reqPerSec);
  const cv = computeCv(rates);
  const listed = rates.map((r) => r.toFixed(2)).join(', ');
  if (cv <= t.maxThroughputCv)
    return { verdict: 'consistent', reason: `req/s ${listed}: CV ${(cv * 100).toFixed(1)}%`, cv };
  const falling = rates.every((r, i) => i === 0 || r < (rates[i - 1] ?? r));
  const limit = `above ${(t.maxThroughputCv * 100).toFixed(0)}%`;
  return falling
    ? {
        verdict: 'degrading',
        reason: `req/s fell batch after batch (${listed}): CV ${(cv * 100).toFixed(1)}%, ${limit}`,
        cv,
      }
    : { verdict: 'variable', reason: `req/s ${listed}: CV ${(cv * 100).toFixed(1)}%, ${limit}`, cv };
}

/** A load in the first batch's first requests is the cold start; any later one is a reload. */
function judgeReload(batches: readonly BatchStats[]): StabilityVerdicts['reload'] {
  const found: string[] = [];
  for (const b of batches) {
    const loads = b.loadEvents.length;
    const spike = b.firstRequestsSpikeMs;
    if (b.batch === 1 && loads <= 1 && (loads === 1 || spike !== undefined)) continue;
    if (loads > 0)
      found.push(
        `batch ${b.batch}: load_duration up to ${Math.max(...b.loadEvents.map((e) => e.loadMs)).toFixed(0)} ms`,
      );
    else if (spike !== undefined)
      found.push(
        `batch ${b.batch}: first requests took ${spike.toFixed(0)} ms vs median ${(b.medianRequestMs ?? 0).toFixed(0)} ms`,
      );
  }
  if (found.length > 0) return { verdict: 'reloaded', reason: found.join('; ') };
  const timed = batches.some((b) => b.medianRequestMs !== undefined || b.loadEvents.length > 0);
  if (!timed)
    return { verdict: 'not judged', reason: 'no per-request timing (Batch API) and no load_duration' };
  return {
    verdict: 'stayed loaded',
    reason: 'no load_duration and no first-request spike after the first batch',
  };
}

export function judgeStability(batches: readonly BatchStats[], t: StabilityThresholds): StabilityVerdicts {
  const requests = batches.reduce((s, b) => s + b.requests, 0);
  const failed = batches.reduce((s, b) => s + b.failed, 0);
  const rate = requests > 0 ? (requests - failed) / requests : 0;
  const success: StabilityVerdicts['success'] =
    failed === 0 && requests > 0
      ? { verdict: 'all succeeded', reason: `${requests} of ${requests} requests succeeded`, rate }
      : { verdict: 'failures', reason: `${failed} of ${requests} requests failed`, rate };
  return {
    memory: judgeMemory(batches, t),
    throughput: judgeThroughput(batches, t),
    reload: judgeReload(batches),
    success,
  };
}

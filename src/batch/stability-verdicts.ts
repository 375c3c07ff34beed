// The verdicts across batches: memory leak, throughput consistency, model reloads, success.
import { computeCv, computeSlope, isRisingThroughout } from '../diagnose/soak/trend.ts';
import type { BatchStats, Range } from './batch-stats.ts';

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
    /** GPU memory (nvidia-smi memory.used summed over GPUs), when sampled in every batch. */
    gpu?: Verdict<'flat' | 'leak'> & { deltaBytes: number; slopeBytesPerBatch: number };
  };
  readonly throughput: Verdict<'consistent' | 'degrading' | 'variable' | 'not judged'> & { cv?: number };
  readonly reload: Verdict<'stayed loaded' | 'reloaded' | 'not judged'>;
  readonly success: Verdict<'all succeeded' | 'failures'> & { rate: number };
}

const MB = 1024 ** 2;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

type MemoryVerdict = StabilityVerdicts['memory'];
type Growth = Verdict<'flat' | 'leak'> & { deltaBytes: number; slopeBytesPerBatch: number };

/** Batches from which the first is the warm-up, judged apart: a cold server fills its caches and KV pages. */
const WARM_UP_FROM_BATCHES = 3;

/**
 * One memory series across batches (before the first, then after each) against the leak limits. With 3 batches
 * or more the first is the warm-up (a cold server touching its KV cache and filling its caches grows once): the
 * limits apply from its end on, and its own growth is said apart.
 */
function judgeGrowth(what: string, all: readonly number[], t: StabilityThresholds): Growth {
  const warm = all.length - 1 >= WARM_UP_FROM_BATCHES;
  const points = warm ? all.slice(1) : all;
  const warmUp = warm ? `, after batch 1's warm-up (${signedMb((all[1] ?? 0) - (all[0] ?? 0))})` : '';
  const deltaBytes = (points.at(-1) ?? 0) - (points[0] ?? 0);
  const slope = computeSlope(points);
  const figures = { deltaBytes, slopeBytesPerBatch: slope };
  if (deltaBytes >= t.leakDeltaBytes)
    return {
      verdict: 'leak',
      reason: `${what} grew ${mb(deltaBytes)}${warmUp} (limit ${mb(t.leakDeltaBytes)})`,
      ...figures,
    };
  if (points.length >= 3 && slope >= t.leakSlopeBytes && isRisingThroughout(points)) {
    const reason = `${what} grew in every batch${warmUp}, ${mb(slope)} per batch (limit ${mb(t.leakSlopeBytes)})`;
    return { verdict: 'leak', reason, ...figures };
  }
  return {
    verdict: 'flat',
    reason: `${what} changed ${mb(deltaBytes)}, ${mb(slope)} per batch${warmUp}`,
    ...figures,
  };
}

function seriesOf(ranges: readonly (Range | undefined)[], scale: number): number[] | undefined {
  const first = ranges[0];
  if (!first || ranges.some((r) => r === undefined)) return undefined;
  return [first.before, ...ranges.map((r) => r?.after ?? 0)].map((v) => v * scale);
}

/** The server's RSS, and GPU memory where it was sampled in every batch: a leak in either is a leak. */
function judgeMemory(batches: readonly BatchStats[], t: StabilityThresholds): MemoryVerdict {
  const rss = seriesOf(
    batches.map((b) => b.rssBytes),
    1,
  );
  const gpuPoints = seriesOf(
    batches.map((b) => b.gpuMiB),
    MB,
  );
  const gpu = gpuPoints ? { gpu: judgeGrowth('GPU memory', gpuPoints, t) } : {};
  if (!rss) {
    const reason = 'the server RSS was not sampled in every batch (no pid known)';
    if (gpu.gpu?.verdict === 'leak')
      return { verdict: 'leak', reason: `${gpu.gpu.reason}; ${reason}`, ...gpu };
    return { verdict: 'not judged', reason, ...gpu };
  }
  const server = judgeGrowth('RSS', rss, t);
  const leak = server.verdict === 'leak' || gpu.gpu?.verdict === 'leak';
  const reason = [server.reason, gpu.gpu?.reason].filter((r) => r !== undefined).join('; ');
  return { ...server, verdict: leak ? 'leak' : 'flat', reason, ...gpu };
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
  const falling = isRisingThroughout(rates.map((r) => -r));
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

/** The verdicts across batches: memory (RSS and GPU), throughput, reloads, success. */
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

// What one batch measured, from its folder: time, rate, tokens, cache hits, failures, memory, load events.
import { join } from 'node:path';
import type { BatchState } from './batch-state.ts';
import { measureActiveMs } from './batch-state.ts';
import { readJsonlRepairing } from './jsonl-file.ts';
import type { MemorySample } from './memory-sampler.ts';
import { describeFailure, isSuccess, readUsage, type OutputLine, type RequestTiming } from './output-line.ts';
import { percentile } from '../util/percentile.ts';

export interface Range {
  readonly before: number;
  readonly after: number;
  readonly peak: number;
}

export interface BatchStats {
  readonly batch: number;
  readonly mode: BatchState['mode'];
  readonly resumed: boolean;
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly errorKinds: Record<string, number>;
  readonly durationMs: number;
  readonly reqPerSec: number;
  /** Mean client-side latency; undefined in Batch API mode (the server does not say). */
  readonly meanRequestMs: number | undefined;
  readonly medianRequestMs: number | undefined;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** undefined when no answer reported cached_tokens. */
  readonly cachedTokens: number | undefined;
  readonly rssBytes: Range | undefined;
  readonly gpuMiB: Range | undefined;
  /** Answers whose load_duration says the model was loaded for them. */
  readonly loadEvents: readonly { customId: string; loadMs: number }[];
  /** The slowest of the batch's first requests, when it stood far above the batch median. */
  readonly firstRequestsSpikeMs: number | undefined;
  readonly samples: readonly MemorySample[];
}

export interface StatsSettings {
  /** A load_duration at least this long counts as a model load. */
  readonly loadThresholdMs: number;
  /** How many of a batch's first requests are checked for a spike (the concurrency). */
  readonly firstRequests: number;
}

function toRange(values: readonly (number | undefined)[]): Range | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  const before = present[0];
  const after = present.at(-1);
  if (before === undefined || after === undefined || present.length < 2) return undefined;
  return { before, after, peak: Math.max(...present) };
}

/** A first-requests spike: above 3x the median and at least a second more, so warm-up noise does not count. */
function findSpike(timings: readonly RequestTiming[], first: number): number | undefined {
  const median = percentile(
    timings.map((t) => t.ms),
    50,
  );
  if (median === undefined || timings.length < first * 2) return undefined;
  const earliest = [...timings].sort((a, b) => a.start - b.start).slice(0, first);
  const slowest = Math.max(...earliest.map((t) => t.ms));
  return slowest > 3 * median && slowest > median + 1000 ? slowest : undefined;
}

export function computeBatchStats(
  dir: string,
  batch: number,
  state: BatchState,
  settings: StatsSettings,
): BatchStats {
  const lines = readJsonlRepairing<OutputLine>(join(dir, 'output.jsonl'));
  const timings = readJsonlRepairing<RequestTiming>(join(dir, 'requests.jsonl'));
  const samples = readJsonlRepairing<MemorySample>(join(dir, 'memory.jsonl'));
  const errorKinds: Record<string, number> = {};
  let promptTokens = 0;
  let completionTokens = 0;
  let cachedTokens: number | undefined;
  const loadEvents: { customId: string; loadMs: number }[] = [];
  for (const line of lines) {
    if (!isSuccess(line)) errorKinds[describeFailure(line)] = (errorKinds[describeFailure(line)] ?? 0) + 1;
    const usage = readUsage(line.response?.body);
    promptTokens += usage.promptTokens;
    completionTokens += usage.completionTokens;
    if (usage.cachedTokens !== undefined) cachedTokens = (cachedTokens ?? 0) + usage.cachedTokens;
    if (usage.loadMs !== undefined && usage.loadMs >= settings.loadThresholdMs)
      loadEvents.push({ customId: line.custom_id, loadMs: usage.loadMs });
  }
  const lastResultAt = timings.length > 0 ? Math.max(...timings.map((t) => t.start + t.ms)) : undefined;
  const durationMs = measureActiveMs(state, lastResultAt);
  const succeeded = lines.filter(isSuccess).length;
  const ms = timings.map((t) => t.ms);
  return {
    batch,
    mode: state.mode,
    resumed: state.segments.length > 1,
    requests: lines.length,
    succeeded,
    failed: lines.length - succeeded,
    errorKinds,
    durationMs,
    reqPerSec: durationMs > 0 ? (lines.length / durationMs) * 1000 : 0,
    meanRequestMs: ms.length > 0 ? ms.reduce((a, b) => a + b, 0) / ms.length : undefined,
    medianRequestMs: percentile(ms, 50),
    promptTokens,
    completionTokens,
    cachedTokens,
    rssBytes: toRange(samples.map((s) => s.rssBytes)),
    gpuMiB: toRange(samples.map((s) => s.gpuMiB)),
    loadEvents,
    firstRequestsSpikeMs: findSpike(timings, settings.firstRequests),
    samples,
  };
}

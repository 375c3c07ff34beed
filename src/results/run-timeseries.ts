// One pass over a run's metric points: per-second buckets, bounded latency distributions, per-request records.
import { percentileOfSorted } from '../engine/metrics/percentile.ts';
import type { MetricPoint } from './read-metric-points.ts';

/** One time bucket of a run; rates are per second of the bucket, latencies of requests that finished in it. */
export interface SeriesBucket {
  /** Seconds since the run started, at the bucket's start. */
  t: number;
  /** Length of the bucket in seconds (the last one is cut at endMs when that is given). */
  seconds: number;
  /** The `vus` gauge: its last value in the bucket, else the one carried from before. */
  activeVus?: number;
  /** False when the bucket saw the vus gauge change (or differ from the value carried in). */
  vusSteady: boolean;
  /** Requests that finished (llm_errors samples), and those of them that failed. */
  requests: number;
  failed: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  promptTokensPerSecond: number;
  /** Iterations that started in the bucket plus those dropped, per second: the offered load in MODE=rate. */
  offeredPerSecond: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  e2eP95Ms?: number;
  /** Failed requests by error_kind. */
  errorsByKind: Record<string, number>;
}

/** The TTFT and E2E values of the requests that finished in one bucket, sorted ascending. */
export interface BucketLatencies {
  ttftMs: number[];
  e2eMs: number[];
}

/** A latency distribution: every value while few, else a fixed-seed uniform sample (sorted ascending). */
export interface LatencyDistribution {
  /** Values seen; `values.length` when not sampled. */
  count: number;
  sampled: boolean;
  values: number[];
}

export interface LatencyDistributions {
  ttft: LatencyDistribution;
  itl: LatencyDistribution;
  tpot: LatencyDistribution;
  e2e: LatencyDistribution;
}

/** One request, joined over its llm_* points by metadata.request_id; failed requests carry no latencies. */
export interface RequestRecord {
  id: string;
  /** Epoch ms of its llm_errors point: when it finished. */
  endMs: number;
  failed: boolean;
  errorKind?: string;
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
  outputTokens?: number;
  promptTokens?: number;
}

export interface RequestLog {
  records: RequestRecord[];
  /** Requests (llm_errors points) without a request_id: their latencies cannot be joined. */
  unjoinable: number;
  /** llm_* points whose request_id had no llm_errors point before them. */
  orphanPoints: number;
}

export interface RunSeries {
  startMs: number;
  bucketMs: number;
  buckets: SeriesBucket[];
  /** Parallel to `buckets`, for percentiles over several buckets (the concurrency curve). */
  bucketLatencies: BucketLatencies[];
  distributions: LatencyDistributions;
  requests: RequestLog;
  /** Epoch ms of the latest point; undefined when there was none. */
  lastPointMs?: number;
}

export interface SeriesOptions {
  /** Epoch ms of t = 0; points before it land in the first bucket. */
  startMs: number;
  bucketMs?: number;
  /** Epoch ms the run ended: buckets run up to it even when nothing finished at the end. */
  endMs?: number;
  /** Values kept per latency distribution (default 50,000). */
  reservoirSize?: number;
  seed?: number;
}

interface BucketAcc {
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

/** The metrics computeRunSeries reads: hand them to readMetricPoints so the others are skipped cheaply. */
export const SERIES_METRICS: readonly string[] = [
  'vus',
  'iteration_duration',
  'dropped_iterations',
  'llm_errors',
  'llm_ttft',
  'llm_itl',
  'llm_tpot',
  'llm_e2e',
  'llm_output_tokens',
  'llm_prompt_tokens',
  'llm_output_tokens_total',
  'llm_prompt_tokens_total',
];

type RecordField = 'ttftMs' | 'tpotMs' | 'e2eMs' | 'outputTokens' | 'promptTokens';

const RECORD_FIELDS = new Map<string, RecordField>([
  ['llm_ttft', 'ttftMs'],
  ['llm_tpot', 'tpotMs'],
  ['llm_e2e', 'e2eMs'],
  ['llm_output_tokens', 'outputTokens'],
  ['llm_prompt_tokens', 'promptTokens'],
]);

/** Buckets a run's points by time and collects its latency distributions and per-request records. */
export async function computeRunSeries(
  points: AsyncIterable<MetricPoint> | Iterable<MetricPoint>,
  options: SeriesOptions,
): Promise<RunSeries> {
  const { startMs, bucketMs = 1000, endMs } = options;
  const size = options.reservoirSize ?? 50_000;
  const seed = options.seed ?? 0x5eed;
  const reservoirs = new Map(
    ['llm_ttft', 'llm_itl', 'llm_tpot', 'llm_e2e'].map((name) => [name, new Reservoir(size, seed)]),
  );
  const accs: BucketAcc[] = [];
  const byId = new Map<string, RequestRecord>();
  const log = { unjoinable: 0, orphanPoints: 0 };
  const bucketAt = (time: number): BucketAcc => {
    const index = Math.max(0, Math.floor((time - startMs) / bucketMs));
    while (accs.length <= index) accs.push(emptyAcc());
    return accs[index] as BucketAcc;
  };
  let lastPointMs = Number.NEGATIVE_INFINITY;
  for await (const point of points) {
    const { metric, value, time } = point;
    lastPointMs = Math.max(lastPointMs, time);
    if (metric === 'vus') addVus(bucketAt(time), value, time);
    else if (metric === 'iteration_duration') bucketAt(time - value).offered += 1;
    else if (metric === 'dropped_iterations') bucketAt(time).offered += value;
    else if (metric === 'llm_output_tokens_total') bucketAt(time).outputTokens += value;
    else if (metric === 'llm_prompt_tokens_total') bucketAt(time).promptTokens += value;
    else if (metric === 'llm_errors') addOutcome(bucketAt(time), point, byId, log);
    if (!metric.startsWith('llm_')) continue;
    if (metric === 'llm_ttft') bucketAt(time).ttft.push(value);
    else if (metric === 'llm_e2e') bucketAt(time).e2e.push(value);
    reservoirs.get(metric)?.add(value);
    const field = RECORD_FIELDS.get(metric);
    const id = point.metadata['request_id'];
    if (field === undefined || id === undefined) continue;
    const record = byId.get(id);
    if (record) record[field] = value;
    else log.orphanPoints += 1;
  }
  if (endMs !== undefined) bucketAt(Math.max(startMs, endMs - 1));
  const { buckets, latencies } = finishBuckets(accs, startMs, bucketMs, endMs);
  const distribution = (name: string): LatencyDistribution => (reservoirs.get(name) as Reservoir).finish();
  return {
    startMs,
    bucketMs,
    buckets,
    bucketLatencies: latencies,
    distributions: {
      ttft: distribution('llm_ttft'),
      itl: distribution('llm_itl'),
      tpot: distribution('llm_tpot'),
      e2e: distribution('llm_e2e'),
    },
    requests: { records: [...byId.values()], ...log },
    ...(Number.isFinite(lastPointMs) ? { lastPointMs } : {}),
  };
}

function emptyAcc(): BucketAcc {
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

function addVus(acc: BucketAcc, value: number, time: number): void {
  if (time >= acc.vusLastTime) {
    acc.vusLast = value;
    acc.vusLastTime = time;
  }
  acc.vusMin = Math.min(acc.vusMin, value);
  acc.vusMax = Math.max(acc.vusMax, value);
}

function addOutcome(
  acc: BucketAcc,
  point: MetricPoint,
  byId: Map<string, RequestRecord>,
  log: { unjoinable: number },
): void {
  const failed = point.value !== 0;
  const kind = failed ? (point.tags['error_kind'] ?? 'unknown') : undefined;
  acc.requests += 1;
  if (kind !== undefined) {
    acc.failed += 1;
    acc.errors[kind] = (acc.errors[kind] ?? 0) + 1;
  }
  const id = point.metadata['request_id'];
  if (id === undefined) {
    log.unjoinable += 1;
    return;
  }
  // A repeated id (never expected) replaces the earlier request: its later points belong to the newer one.
  byId.set(id, { id, endMs: point.time, failed, ...(kind !== undefined ? { errorKind: kind } : {}) });
}

function finishBuckets(
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
        ? {
            ttftP50Ms: percentileOfSorted(ttft, ttft.length, 0.5),
            ttftP95Ms: percentileOfSorted(ttft, ttft.length, 0.95),
          }
        : {}),
      ...(e2e.length > 0 ? { e2eP95Ms: percentileOfSorted(e2e, e2e.length, 0.95) } : {}),
      errorsByKind: acc.errors,
    });
  });
  return { buckets, latencies };
}

// Algorithm R over a seeded mulberry32: the same file always gives the same sample.
class Reservoir {
  private readonly values: number[] = [];
  private seen = 0;
  private state: number;

  constructor(
    private readonly size: number,
    seed: number,
  ) {
    this.state = seed >>> 0;
  }

  add(value: number): void {
    this.seen += 1;
    if (this.values.length < this.size) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.size) this.values[slot] = value;
  }

  finish(): LatencyDistribution {
    return {
      count: this.seen,
      sampled: this.seen > this.values.length,
      values: this.values.slice().sort((a, b) => a - b),
    };
  }

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

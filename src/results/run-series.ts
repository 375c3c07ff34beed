// What one pass over a run's metric points yields: time buckets, latency distributions, per-request records.

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

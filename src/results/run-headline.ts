// The numbers people look at first: from k6's summary when the run has one, else from its metric points.
import { quantileOfSorted } from '../util/percentile.ts';
import { definedFields } from './defined-fields.ts';
import type { LatencyRow, LlmRunSummary } from './llm-summary.ts';
import type { LatencyDistribution, RunSeries } from './run-series.ts';

/** Percentiles of one latency, in ms; a stat the source lacks stays undefined. */
export interface LatencyPercentiles {
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  count?: number;
}

/** The numbers people look at first: from summary.json when it exists, else from the metric points. */
export interface RunHeadline {
  source: 'summary' | 'metrics' | 'none';
  requests: number;
  failed: number;
  /** failed / requests; undefined when nothing finished. */
  errorShare?: number;
  requestsPerSecond: number;
  outputTokensPerSecond?: number;
  /** The busiest bucket of the series (vLLM's max_output_tokens_per_s). */
  peakOutputTokensPerSecond?: number;
  ttft?: LatencyPercentiles;
  itl?: LatencyPercentiles;
  tpot?: LatencyPercentiles;
  e2e?: LatencyPercentiles;
  /** From the metric points; empty without metrics.json.gz. */
  errorsByKind: Record<string, number>;
}

/** The headline of a run from its summary (when usable) and its series (when readable). */
export function computeHeadline(
  summary: LlmRunSummary | undefined,
  series: RunSeries | undefined,
  durationSeconds: number,
): RunHeadline {
  const buckets = series?.buckets ?? [];
  const errorsByKind: Record<string, number> = {};
  for (const bucket of buckets) {
    for (const [kind, count] of Object.entries(bucket.errorsByKind))
      errorsByKind[kind] = (errorsByKind[kind] ?? 0) + count;
  }
  const peak = buckets.reduce<number | undefined>(
    (max, b) => Math.max(max ?? 0, b.outputTokensPerSecond),
    undefined,
  );
  const common = { errorsByKind, ...(peak !== undefined ? { peakOutputTokensPerSecond: peak } : {}) };
  if (summary) {
    const row = (name: string): LatencyPercentiles | undefined =>
      fromRow(summary.latency.find((r) => r.name === name));
    return {
      source: 'summary',
      requests: summary.requests,
      failed: summary.failed,
      ...(summary.requests > 0 ? { errorShare: summary.failed / summary.requests } : {}),
      requestsPerSecond: summary.requestsPerSecond,
      ...(summary.outputTokensPerSecond !== undefined
        ? { outputTokensPerSecond: summary.outputTokensPerSecond }
        : {}),
      ...definedFields({ ttft: row('TTFT'), itl: row('ITL'), tpot: row('TPOT'), e2e: row('E2E') }),
      ...common,
    };
  }
  if (!series) return { source: 'none', requests: 0, failed: 0, requestsPerSecond: 0, errorsByKind };
  const requests = buckets.reduce((sum, b) => sum + b.requests, 0);
  const failed = buckets.reduce((sum, b) => sum + b.failed, 0);
  const outputTokens = buckets.reduce((sum, b) => sum + b.outputTokensPerSecond * b.seconds, 0);
  const { distributions: d } = series;
  return {
    source: 'metrics',
    requests,
    failed,
    ...(requests > 0 ? { errorShare: failed / requests } : {}),
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    ...(durationSeconds > 0 ? { outputTokensPerSecond: outputTokens / durationSeconds } : {}),
    ...definedFields({
      ttft: fromDistribution(d.ttft),
      itl: fromDistribution(d.itl),
      tpot: fromDistribution(d.tpot),
      e2e: fromDistribution(d.e2e),
    }),
    ...common,
  };
}

function fromRow(row: LatencyRow | undefined): LatencyPercentiles | undefined {
  if (!row) return undefined;
  return definedFields({ p50: row.p50, p90: row.p90, p95: row.p95, p99: row.p99, count: row.count });
}

function fromDistribution(d: LatencyDistribution): LatencyPercentiles | undefined {
  if (d.count === 0) return undefined;
  const at = (q: number): number => quantileOfSorted(d.values, q);
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), count: d.count };
}

// One pass over a run's metric points: per-second buckets, bounded latency distributions, per-request records.
import { LatencyReservoir } from './latency-reservoir.ts';
import type { MetricPoint } from './read-metric-points.ts';
import { createRequestJoiner } from './request-log.ts';
import type { LatencyDistribution, RunSeries, SeriesOptions } from './run-series.ts';
import { addOutcome, addVus, createBucketAcc, finishBuckets, type BucketAcc } from './series-buckets.ts';

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

const DISTRIBUTIONS = ['llm_ttft', 'llm_itl', 'llm_tpot', 'llm_e2e'] as const;

/** Buckets a run's points by time and collects its latency distributions and per-request records. */
export async function computeRunSeries(
  points: AsyncIterable<MetricPoint> | Iterable<MetricPoint>,
  options: SeriesOptions,
): Promise<RunSeries> {
  const { startMs, bucketMs = 1000, endMs } = options;
  const size = options.reservoirSize ?? 50_000;
  const seed = options.seed ?? 0x5eed;
  const reservoirs = new Map<string, LatencyReservoir>(
    DISTRIBUTIONS.map((name) => [name, new LatencyReservoir(size, seed)]),
  );
  const accs: BucketAcc[] = [];
  const requests = createRequestJoiner();
  const bucketAt = (time: number): BucketAcc => {
    const index = Math.max(0, Math.floor((time - startMs) / bucketMs));
    while (accs.length <= index) accs.push(createBucketAcc());
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
    else if (metric === 'llm_errors') {
      const errorKind = value !== 0 ? (point.tags['error_kind'] ?? 'unknown') : undefined;
      addOutcome(bucketAt(time), errorKind);
      requests.addOutcome(point, errorKind);
    }
    if (!metric.startsWith('llm_')) continue;
    if (metric === 'llm_ttft') bucketAt(time).ttft.push(value);
    else if (metric === 'llm_e2e') bucketAt(time).e2e.push(value);
    reservoirs.get(metric)?.add(value);
    requests.addFigure(point);
  }
  if (endMs !== undefined) bucketAt(Math.max(startMs, endMs - 1));
  const { buckets, latencies } = finishBuckets(accs, startMs, bucketMs, endMs);
  const distribution = (name: string): LatencyDistribution =>
    (reservoirs.get(name) as LatencyReservoir).finish();
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
    requests: requests.finish(),
    ...(Number.isFinite(lastPointMs) ? { lastPointMs } : {}),
  };
}

// The per-second series in a few figures each (min, median, time-weighted mean, max), for the Markdown report
// and the table under the charts.
import type { SeriesBucket } from '../results/run-series.ts';
import { formatDurationMs, formatNumber, formatTokensPerSecond } from './charts/format.ts';
import { formatOptional } from './format-values.ts';

/** One series summarised; `mean` is "–" for latencies (a mean of per-second percentiles means little). */
export interface SeriesSummaryRow {
  name: string;
  seconds: string;
  min: string;
  median: string;
  mean: string;
  max: string;
}

interface SeriesSpec {
  name: string;
  pick: (b: SeriesBucket) => number | undefined;
  format: (value: number) => string;
  mean: boolean;
}

const SPECS: SeriesSpec[] = [
  { name: 'active VUs', pick: (b) => b.activeVus, format: formatNumber, mean: true },
  { name: 'requests/s', pick: (b) => b.requestsPerSecond, format: formatNumber, mean: true },
  { name: 'output tok/s', pick: (b) => b.outputTokensPerSecond, format: formatTokensPerSecond, mean: true },
  { name: 'failed/s', pick: (b) => b.failed / b.seconds, format: formatNumber, mean: true },
  { name: 'TTFT p95', pick: (b) => b.ttftP95Ms, format: formatDurationMs, mean: false },
  { name: 'E2E p95', pick: (b) => b.e2eP95Ms, format: formatDurationMs, mean: false },
];

function median(sorted: number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Summarises each per-second series over the buckets where it has a value. */
export function summarizeSeries(buckets: readonly SeriesBucket[]): SeriesSummaryRow[] {
  return SPECS.map((spec) => {
    const present = buckets.flatMap((b) => {
      const value = spec.pick(b);
      return value !== undefined && Number.isFinite(value) ? [{ value, seconds: b.seconds }] : [];
    });
    const sorted = present.map((p) => p.value).sort((a, b) => a - b);
    const seconds = present.reduce((sum, p) => sum + p.seconds, 0);
    const weighted = present.reduce((sum, p) => sum + p.value * p.seconds, 0);
    return {
      name: spec.name,
      seconds: formatNumber(seconds),
      min: formatOptional(sorted[0], spec.format),
      median: formatOptional(median(sorted), spec.format),
      mean: spec.mean && seconds > 0 ? spec.format(weighted / seconds) : '–',
      max: formatOptional(sorted.at(-1), spec.format),
    };
  });
}

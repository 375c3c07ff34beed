// One pass over a run's k6 JSON output for what the end of a run needs and summary.json lacks: how many samples
// each thresholded metric got (a trend's export has no count), and the failed requests by kind, with the first
// messages of each kind.
import { readMetricPoints, type ReadPointsStats } from './read-metric-points.ts';
import type { RunFiles } from './run-files.ts';

/** How many messages are kept per error kind. */
export const MESSAGES_PER_KIND = 3;

export interface RunMetricScan {
  samples: Record<string, number>;
  errorCounts: Record<string, number>;
  /** The first distinct messages per error kind, as the profiles recorded them (sample metadata `error`). */
  errorMessages: Record<string, string[]>;
  stats: ReadPointsStats;
}

/** Scans metrics.json.gz (a path, or an opened run folder's) once, counting the samples of `metrics` and reading llm_errors. */
export async function scanRunMetrics(
  source: string | RunFiles,
  metrics: Iterable<string>,
): Promise<RunMetricScan> {
  const wanted = new Set(metrics);
  wanted.add('llm_errors');
  const stats: ReadPointsStats = { points: 0, malformedLines: 0, truncated: false };
  const scan: RunMetricScan = { samples: {}, errorCounts: {}, errorMessages: {}, stats };
  const points =
    typeof source === 'string'
      ? readMetricPoints(source, { metrics: wanted, stats })
      : source.metricPoints({ metrics: wanted, stats });
  for await (const point of points) {
    scan.samples[point.metric] = (scan.samples[point.metric] ?? 0) + 1;
    if (point.metric !== 'llm_errors' || !point.value) continue;
    const kind = point.tags['error_kind'] ?? 'unknown';
    scan.errorCounts[kind] = (scan.errorCounts[kind] ?? 0) + 1;
    const message = point.metadata['error'];
    if (message === undefined || message === '') continue;
    const kept = (scan.errorMessages[kind] ??= []);
    if (kept.length < MESSAGES_PER_KIND && !kept.includes(message)) kept.push(message);
  }
  return scan;
}

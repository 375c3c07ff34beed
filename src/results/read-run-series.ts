// metrics.json.gz read into the run's series, with what its damage cost: a file that yields nothing gives no
// series at all, rather than a run that seems to have served no request.
import type { DamagedRunFile } from './damaged-run-file.ts';
import { computeRunSeries, SERIES_METRICS } from './compute-run-series.ts';
import { describeMetricsDamage } from './describe-metrics-damage.ts';
import type { ReadPointsStats } from './read-metric-points.ts';
import { RUN_FILES, type RunFiles } from './run-files.ts';
import type { RunSeries } from './run-series.ts';

/** The series of a run's metric points, whether the file was cut short, and its damage when it has some. */
export interface RunSeriesRead {
  series?: RunSeries;
  truncated: boolean;
  damage?: DamagedRunFile;
}

/** Reads the metric points of an opened run folder that has metrics.json.gz. */
export async function readRunSeries(
  files: RunFiles,
  options: { startMs: number; bucketMs: number; reservoirSize?: number },
): Promise<RunSeriesRead> {
  const { startMs, bucketMs, reservoirSize } = options;
  const stats: ReadPointsStats = { points: 0, malformedLines: 0, truncated: false };
  const series = await computeRunSeries(files.metricPoints({ metrics: SERIES_METRICS, stats }), {
    startMs,
    bucketMs,
    ...(reservoirSize ? { reservoirSize } : {}),
  });
  const damage = describeMetricsDamage(files.path('metrics'), RUN_FILES.metrics, stats, startMs);
  return {
    ...(damage?.unusable ? {} : { series }),
    truncated: stats.truncated,
    ...(damage ? { damage } : {}),
  };
}

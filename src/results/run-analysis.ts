// What a run's load files say (meta.json, summary.json, metrics.json.gz), from whatever part of them exists;
// each is read once. diagnose/analyze-run.ts adds the host's diagnostics to it.
import { computeConcurrencyCurve, type ConcurrencyCurve } from './concurrency-curve.ts';
import { DamagedRunFileError, type DamagedRunFile } from './damaged-run-file.ts';
import { computeGoodput, type GoodputResult, type GoodputSlo } from './goodput.ts';
import { summarizeExport, type LlmRunSummary } from './llm-summary.ts';
import { DEFAULT_OBJECTIVE } from './objective-defaults.ts';
import { loadRunMeta } from './read-run-meta-file.ts';
import { readRunSeries } from './read-run-series.ts';
import { computeHeadline, type RunHeadline } from './run-headline.ts';
import { asRunFiles, RUN_FILES, type RunFiles } from './run-files.ts';
import type {
  LatencyDistribution,
  LatencyDistributions,
  RequestLog,
  RunSeries,
  SeriesBucket,
} from './run-series.ts';
import type { RunMeta } from './run-store.ts';
import { exportedDuration, loadSummaryExport, type SummaryExport } from './summary-export.ts';

export type { LatencyPercentiles, RunHeadline } from './run-headline.ts';

/**
 * One run's load, analysed. Files that were absent are listed in `missing`, files cut short in `truncated`,
 * files that are there but damaged (with what was recovered) in `damage`.
 */
export interface LoadAnalysis {
  dir: string;
  /** Its id is the folder's name. */
  meta: RunMeta;
  /** The id meta.json records, when it differs from the folder's name (a copied folder). */
  recordedId?: string;
  missing: string[];
  truncated: string[];
  /** Always set by analyzeLoad; optional so that analyses built by hand (tests) need not name it. */
  damage?: DamagedRunFile[];
  durationSeconds: number;
  headline: RunHeadline;
  thresholds: LlmRunSummary['thresholds'];
  summary?: LlmRunSummary;
  bucketMs: number;
  series: SeriesBucket[];
  concurrency?: ConcurrencyCurve;
  distributions: LatencyDistributions;
  requests: RequestLog;
  goodput: GoodputResult;
}

export interface AnalyzeOptions {
  /** Goodput targets (default: DEFAULT_OBJECTIVE.slo). */
  slo?: GoodputSlo;
  bucketMs?: number;
  reservoirSize?: number;
}

const EMPTY_DISTRIBUTION: LatencyDistribution = { count: 0, sampled: false, values: [] };

/** Reads a run folder's load files and computes their analysis; only a missing or unreadable meta.json is an error. */
export async function analyzeLoad(
  run: string | RunFiles,
  options: AnalyzeOptions = {},
): Promise<LoadAnalysis> {
  const files = asRunFiles(run);
  const bucketMs = options.bucketMs ?? 1000;
  const { meta, recordedId } = loadRunMeta(files);
  const startMs = Date.parse(meta.startedAt);
  const missing: string[] = [];
  const truncated: string[] = [];
  const damage: DamagedRunFile[] = [];
  let exported: SummaryExport | undefined;
  let summaryDamage: DamagedRunFile | undefined;
  try {
    exported = loadSummaryExport(files);
    if (!exported) missing.push(RUN_FILES.summary);
  } catch (error) {
    if (!(error instanceof DamagedRunFileError)) throw error;
    summaryDamage = error.damage;
  }
  let series: RunSeries | undefined;
  const hasMetrics = files.has('metrics');
  if (hasMetrics) {
    const { reservoirSize } = options;
    const read = await readRunSeries(files, {
      startMs,
      bucketMs,
      ...(reservoirSize ? { reservoirSize } : {}),
    });
    series = read.series;
    if (read.truncated) truncated.push(RUN_FILES.metrics);
    if (read.damage) damage.push(read.damage);
  } else missing.push(RUN_FILES.metrics);
  const durationSeconds = runDuration(meta, exported, series);
  const summary = exported ? summarizeExport(exported, durationSeconds) : undefined;
  if (summaryDamage) {
    // The headline falls back to the metric points, as for a run that crashed before writing summary.json.
    damage.push({
      ...summaryDamage,
      recovered: series
        ? `the run's summary is damaged; the figures are recomputed from ${RUN_FILES.metrics} (the thresholds cannot be)`
        : `the run's summary is damaged and cannot be recovered: ${RUN_FILES.metrics} is ${hasMetrics ? 'unreadable' : 'missing'} too`,
    });
  }
  const requests = series?.requests ?? { records: [], unjoinable: 0, orphanPoints: 0 };
  return {
    dir: files.dir,
    meta,
    ...(recordedId !== undefined ? { recordedId } : {}),
    missing,
    truncated,
    damage,
    durationSeconds,
    headline: computeHeadline(summary, series, durationSeconds),
    thresholds: summary?.thresholds ?? [],
    ...(summary ? { summary } : {}),
    bucketMs,
    series: series?.buckets ?? [],
    ...(series
      ? {
          concurrency: computeConcurrencyCurve(series, {
            levelBy: meta.env?.['MODE'] === 'rate' ? 'rate' : 'vus',
          }),
        }
      : {}),
    distributions: series?.distributions ?? {
      ttft: EMPTY_DISTRIBUTION,
      itl: EMPTY_DISTRIBUTION,
      tpot: EMPTY_DISTRIBUTION,
      e2e: EMPTY_DISTRIBUTION,
    },
    requests,
    goodput: computeGoodput(requests, options.slo ?? DEFAULT_OBJECTIVE.slo, durationSeconds),
  };
}

// k6's own test duration (a counter's count / rate) when the summary has it; else the run's wall clock.
function runDuration(
  meta: RunMeta,
  exported: SummaryExport | undefined,
  series: RunSeries | undefined,
): number {
  const counted = exported ? exportedDuration(exported) : undefined;
  if (counted !== undefined) return counted;
  const startMs = Date.parse(meta.startedAt);
  const endMs = meta.endedAt ? Date.parse(meta.endedAt) : series?.lastPointMs;
  return endMs !== undefined && endMs > startMs ? (endMs - startMs) / 1000 : 0;
}

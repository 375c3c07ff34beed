// Everything a report shows about one saved run, computed from its folder (whatever part of it exists).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { percentileOfSorted } from '../engine/metrics/percentile.ts';
import { UserError } from '../util/errors.ts';
import { DIAGNOSTICS_FILE, type DiagnosticsRecord, type NoteRecord } from '../diagnose/diagnostics-record.ts';
import { computeConcurrencyCurve, type ConcurrencyCurve } from './concurrency-curve.ts';
import { DamagedRunFileError, type DamagedRunFile } from './damaged-run-file.ts';
import { describeMetricsDamage } from './describe-metrics-damage.ts';
import { computeGoodput, type GoodputResult, type GoodputSlo } from './goodput.ts';
import { summarizeLlmRun, type LatencyRow, type LlmRunSummary } from './llm-summary.ts';
import { DEFAULT_OBJECTIVE } from './objective-defaults.ts';
import { readMetricPoints, type ReadPointsStats } from './read-metric-points.ts';
import { readRunMetaFile } from './read-run-meta-file.ts';
import { RUN_FILES, type RunMeta } from './run-store.ts';
import {
  computeRunSeries,
  type LatencyDistribution,
  type LatencyDistributions,
  type RequestLog,
  type RunSeries,
  type SeriesBucket,
  SERIES_METRICS,
} from './run-timeseries.ts';

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

/** A time in seconds since the run started, on the same clock as the series buckets. */
interface At {
  t: number;
}

/** CPUs (rows) by time buckets (columns) of busy %; null where a CPU had no sample in a bucket. */
export interface CpuHeatmap {
  cpus: number[];
  /** Column start times, seconds since the run started. */
  t: number[];
  busy: (number | null)[][];
}

export interface MemoryPoint extends At {
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  swapUsedBytes: number;
}

export interface ProcessPoint extends At {
  cpuPercent: number;
  rssBytes: number;
  threads?: number;
}

export interface HostPressurePoint extends At {
  load1?: number;
  runQueue?: number;
  throttledMsPerSec?: number;
  maxTempC?: number;
  cpuMHz?: number;
}

export interface GpuPoint extends At {
  utilPercent?: number;
  memBusyPercent?: number;
  vramUsedBytes?: number;
  vramTotalBytes?: number;
  powerWatts?: number;
  temperatureC?: number;
}

export interface GpuSeries {
  index: number;
  name?: string;
  points: GpuPoint[];
}

export interface SlotPoint extends At {
  busySlots?: number;
  totalSlots?: number;
  processing?: number;
  deferred?: number;
  kvCacheUsage?: number;
}

export interface ServerTokenPoint extends At {
  promptTokensPerSec?: number;
  outputTokensPerSec?: number;
}

export interface ClientPoint extends At {
  cpuPercent: number;
  eventLoopLagMs?: number;
  rssBytes?: number;
}

export interface NotePoint extends At {
  sampler: string;
  level: NoteRecord['level'];
  message: string;
}

/** diagnostics.jsonl as time series, each in file order. */
export interface DiagnosticsSeries {
  cpuHeatmap: CpuHeatmap;
  memory: MemoryPoint[];
  process: ProcessPoint[];
  hostPressure: HostPressurePoint[];
  gpus: GpuSeries[];
  slots: SlotPoint[];
  serverTokens: ServerTokenPoint[];
  client: ClientPoint[];
  notes: NotePoint[];
  /** Lines skipped: unknown sources, or not JSON (a cut last line is not counted). */
  ignoredLines: number;
}

/**
 * One run, analysed. Files that were absent are listed in `missing`, files cut short in `truncated`, files that
 * are there but damaged (with what was recovered) in `damage`.
 */
export interface RunAnalysis {
  dir: string;
  /** Its id is the folder's name. */
  meta: RunMeta;
  /** The id meta.json records, when it differs from the folder's name (a copied folder). */
  recordedId?: string;
  missing: string[];
  truncated: string[];
  /** Always set by analyzeRun; optional so that analyses built by hand (tests) need not name it. */
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
  diagnostics?: DiagnosticsSeries;
}

export interface AnalyzeOptions {
  /** Goodput targets (default: DEFAULT_OBJECTIVE.slo). */
  slo?: GoodputSlo;
  bucketMs?: number;
  reservoirSize?: number;
}

const EMPTY_DISTRIBUTION: LatencyDistribution = { count: 0, sampled: false, values: [] };

/** Reads a run folder and computes its analysis; only a missing or unreadable meta.json is an error. */
export async function analyzeRun(dir: string, options: AnalyzeOptions = {}): Promise<RunAnalysis> {
  const bucketMs = options.bucketMs ?? 1000;
  const { meta, recordedId } = readMeta(dir);
  const startMs = Date.parse(meta.startedAt);
  const missing: string[] = [];
  const truncated: string[] = [];
  const damage: DamagedRunFile[] = [];
  const path = (file: string): string | undefined => {
    if (existsSync(join(dir, file))) return join(dir, file);
    missing.push(file);
    return undefined;
  };
  const summaryPath = path(RUN_FILES.summary);
  const metricsPath = path(RUN_FILES.metrics);
  const diagnosticsPath = path(DIAGNOSTICS_FILE);

  let series: RunSeries | undefined;
  if (metricsPath) {
    const stats: ReadPointsStats = { points: 0, malformedLines: 0, truncated: false };
    series = await computeRunSeries(readMetricPoints(metricsPath, { metrics: SERIES_METRICS, stats }), {
      startMs,
      bucketMs,
      ...(options.reservoirSize ? { reservoirSize: options.reservoirSize } : {}),
    });
    if (stats.truncated) truncated.push(RUN_FILES.metrics);
    const hurt = describeMetricsDamage(metricsPath, RUN_FILES.metrics, stats, startMs);
    if (hurt) damage.push(hurt);
    // Nothing could be read: no series at all, rather than a run that seems to have served no request.
    if (hurt?.unusable) series = undefined;
  }
  const durationSeconds = runDuration(meta, summaryPath, series);
  let summary: LlmRunSummary | undefined;
  try {
    summary = summaryPath ? summarizeLlmRun(summaryPath, durationSeconds) : undefined;
  } catch (error) {
    if (!(error instanceof DamagedRunFileError)) throw error;
    // The headline falls back to the metric points, as for a run that crashed before writing summary.json.
    damage.push({
      ...error.damage,
      recovered: series
        ? `the run's summary is damaged; the figures are recomputed from ${RUN_FILES.metrics} (the thresholds cannot be)`
        : `the run's summary is damaged and cannot be recovered: ${RUN_FILES.metrics} is ${metricsPath ? 'unreadable' : 'missing'} too`,
    });
  }
  let diagnostics: DiagnosticsSeries | undefined;
  if (diagnosticsPath) {
    const read = readDiagnostics(diagnosticsPath, startMs, bucketMs);
    diagnostics = read.series;
    if (read.truncated) truncated.push(DIAGNOSTICS_FILE);
  }
  const requests = series?.requests ?? { records: [], unjoinable: 0, orphanPoints: 0 };
  return {
    dir,
    meta,
    ...(recordedId !== undefined ? { recordedId } : {}),
    missing,
    truncated,
    damage,
    durationSeconds,
    headline: buildHeadline(summary, series, durationSeconds),
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
    ...(diagnostics ? { diagnostics } : {}),
  };
}

// The folder's name is the run's id; a damaged meta.json is a DamagedRunFileError naming it.
function readMeta(dir: string): { meta: RunMeta; recordedId?: string } {
  const file = join(dir, RUN_FILES.meta);
  if (!existsSync(file)) {
    throw new UserError(
      `${dir}: no ${RUN_FILES.meta} in this folder (not a run folder, or its run never started)`,
    );
  }
  const read = readRunMetaFile(file, basename(resolve(dir)));
  if ('damage' in read) throw new DamagedRunFileError(read.damage);
  return read;
}

// k6's own test duration (a counter's count / rate) when the summary has it; else the run's wall clock.
function runDuration(meta: RunMeta, summaryPath: string | undefined, series: RunSeries | undefined): number {
  if (summaryPath) {
    try {
      const metrics = (JSON.parse(readFileSync(summaryPath, 'utf8')) as { metrics?: Record<string, unknown> })
        .metrics;
      const counter = metrics?.['iterations'] as { count?: number; rate?: number } | undefined;
      if (counter?.count && counter.rate) return counter.count / counter.rate;
    } catch {
      // unreadable: analyzeRun reports it; fall back to the clock
    }
  }
  const startMs = Date.parse(meta.startedAt);
  const endMs = meta.endedAt ? Date.parse(meta.endedAt) : series?.lastPointMs;
  return endMs !== undefined && endMs > startMs ? (endMs - startMs) / 1000 : 0;
}

function buildHeadline(
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
      ...defined({ ttft: row('TTFT'), itl: row('ITL'), tpot: row('TPOT'), e2e: row('E2E') }),
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
    ...defined({
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
  return defined({ p50: row.p50, p90: row.p90, p95: row.p95, p99: row.p99, count: row.count });
}

function fromDistribution(d: LatencyDistribution): LatencyPercentiles | undefined {
  if (d.count === 0) return undefined;
  const at = (p: number): number => percentileOfSorted(d.values, d.values.length, p);
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), count: d.count };
}

function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

const SOURCES = new Set(['host', 'gpu', 'server', 'client', 'note']);

function readDiagnostics(
  path: string,
  startMs: number,
  bucketMs: number,
): { series: DiagnosticsSeries; truncated: boolean } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // Every line ends with a newline: what follows the last one is a line the sampler was writing when it stopped.
  const cut = lines.pop() ?? '';
  const series: DiagnosticsSeries = {
    cpuHeatmap: { cpus: [], t: [], busy: [] },
    memory: [],
    process: [],
    hostPressure: [],
    gpus: [],
    slots: [],
    serverTokens: [],
    client: [],
    notes: [],
    ignoredLines: 0,
  };
  const heat = new Map<number, { sum: number; n: number }[]>();
  const gpus = new Map<number, GpuSeries>();
  const add = (line: string, last: boolean): void => {
    if (line.trim() === '') return;
    let record: DiagnosticsRecord;
    try {
      record = JSON.parse(line) as DiagnosticsRecord;
    } catch {
      if (!last) series.ignoredLines += 1;
      return;
    }
    if (typeof record !== 'object' || record === null || !SOURCES.has(record.source)) {
      series.ignoredLines += 1;
      return;
    }
    const ms = Number.isFinite(record.ts) ? record.ts - startMs : record.t;
    if (!Number.isFinite(ms)) {
      series.ignoredLines += 1;
      return;
    }
    addRecord(series, record, ms / 1000, heat, gpus, Math.max(0, Math.floor(ms / bucketMs)));
  };
  for (const line of lines) add(line, false);
  add(cut, true);
  series.cpuHeatmap = finishHeatmap(heat, bucketMs);
  series.gpus = [...gpus.values()].sort((a, b) => a.index - b.index);
  return { series, truncated: cut.trim() !== '' };
}

function addRecord(
  series: DiagnosticsSeries,
  record: DiagnosticsRecord,
  t: number,
  heat: Map<number, { sum: number; n: number }[]>,
  gpus: Map<number, GpuSeries>,
  column: number,
): void {
  switch (record.source) {
    case 'host': {
      (Array.isArray(record.cpus) ? record.cpus : []).forEach((cpu, i) => {
        const busy = Array.isArray(record.busy) ? record.busy[i] : undefined;
        if (busy === undefined) return;
        const row = heat.get(cpu) ?? [];
        const cell = row[column] ?? { sum: 0, n: 0 };
        cell.sum += busy;
        cell.n += 1;
        row[column] = cell;
        heat.set(cpu, row);
      });
      const m = record.memory;
      if (m) {
        series.memory.push({
          t,
          totalBytes: m.totalBytes,
          usedBytes: m.totalBytes - m.availableBytes,
          availableBytes: m.availableBytes,
          swapUsedBytes: m.swapUsedBytes,
        });
      }
      const p = record.process;
      if (p)
        series.process.push({
          t,
          cpuPercent: p.cpuPercent,
          rssBytes: p.rssBytes,
          ...defined({ threads: p.threads }),
        });
      series.hostPressure.push({
        t,
        ...defined({
          load1: record.load1,
          runQueue: record.runQueue,
          throttledMsPerSec: record.throttle?.throttledMsPerSec,
          maxTempC: record.thermal?.maxTempC,
          cpuMHz: record.thermal?.cpuMHz,
        }),
      });
      return;
    }
    case 'gpu':
      for (const g of Array.isArray(record.gpus) ? record.gpus : []) {
        const gpu = gpus.get(g.index) ?? { index: g.index, points: [] };
        if (g.name !== undefined) gpu.name = g.name;
        gpu.points.push({
          t,
          ...defined({
            utilPercent: g.utilPercent,
            memBusyPercent: g.memBusyPercent,
            vramUsedBytes: g.vramUsedBytes,
            vramTotalBytes: g.vramTotalBytes,
            powerWatts: g.powerWatts,
            temperatureC: g.temperatureC,
          }),
        });
        gpus.set(g.index, gpu);
      }
      return;
    case 'server': {
      const { busySlots, totalSlots, processing, deferred, kvCacheUsage } = record;
      series.slots.push({ t, ...defined({ busySlots, totalSlots, processing, deferred, kvCacheUsage }) });
      const { promptTokensPerSec, outputTokensPerSec } = record;
      series.serverTokens.push({ t, ...defined({ promptTokensPerSec, outputTokensPerSec }) });
      return;
    }
    case 'client':
      series.client.push({
        t,
        cpuPercent: record.cpuPercent,
        ...defined({ eventLoopLagMs: record.eventLoopLagMs, rssBytes: record.rssBytes }),
      });
      return;
    case 'note':
      series.notes.push({ t, sampler: record.sampler, level: record.level, message: record.message });
  }
}

function finishHeatmap(heat: Map<number, { sum: number; n: number }[]>, bucketMs: number): CpuHeatmap {
  const cpus = [...heat.keys()].sort((a, b) => a - b);
  const columns = Math.max(0, ...[...heat.values()].map((row) => row.length));
  return {
    cpus,
    t: Array.from({ length: columns }, (_, i) => (i * bucketMs) / 1000),
    busy: cpus.map((cpu) =>
      Array.from({ length: columns }, (_, i) => {
        const cell = heat.get(cpu)?.[i];
        return cell ? cell.sum / cell.n : null;
      }),
    ),
  };
}

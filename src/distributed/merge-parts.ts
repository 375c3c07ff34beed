// The exact merge of a distributed run: every part's raw samples (its k6 JSON output) replayed, in time order,
// into one metric registry whose Trends keep every value, so the merged percentiles are those of the
// concatenated samples (never an average of the parts' percentiles). Thresholds are evaluated on the merged
// data, and the results are written as one run's files: the merged --out json and --summary-export in k6's shape.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { registerBuiltinMetrics } from '../engine/metrics/builtin-metrics.ts';
import { MetricRegistry } from '../engine/metrics/registry.ts';
import type { Sample } from '../engine/metrics/types.ts';
import { JsonOutput } from '../engine/output/json-output.ts';
import { buildSummaryData } from '../engine/summary/build-summary.ts';
import { GroupTree } from '../engine/summary/group-tree.ts';
import { formatSummaryExport } from '../engine/summary/summary-export.ts';
import { evaluateThresholds } from '../engine/thresholds/evaluate-thresholds.ts';
import { createThresholdSet } from '../engine/thresholds/threshold-set.ts';
import { readMetricPoints, type MetricPoint, type ReadPointsStats } from '../results/read-metric-points.ts';
import { readMetricDefinitions } from './read-metric-definitions.ts';

/** One part's files as fetched into the run folder. */
export interface PartFiles {
  name: string;
  /** Its --out json file; may be missing or cut when the part failed. */
  metricsPath: string;
  /** Its --summary-export; missing when the part died before writing it. */
  summaryPath: string;
  /** The part's clock minus ours (ms): a point stamped t there happened at t - offsetMs here. */
  offsetMs: number;
}

export interface MergeInput {
  parts: readonly PartFiles[];
  jsonOut: string;
  summaryExport: string;
  /** The merged run's duration, the Counter rate's denominator; default the span of the samples. */
  testRunDurationMs?: number;
  /**
   * Points before this moment (on our clock) are left out: what the parts wrote while paused (k6 writes the vus
   * gauge every second from its start), before the release began the run.
   */
  fromMs?: number;
}

export interface MergedPart {
  name: string;
  points: number;
  /** The file ended early or had bad lines: what it held up to there is merged. */
  damaged: boolean;
}

export interface MergeResult {
  points: number;
  parts: MergedPart[];
  /** Metrics with a failed threshold on the merged data, sorted. */
  breached: string[];
  /** The first and last sample's time on our clock (ms since the epoch); undefined without samples. */
  firstMs?: number;
  lastMs?: number;
}

type ExportedMetrics = Record<string, Record<string, unknown>>;

function readExportedMetrics(path: string): ExportedMetrics | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { metrics?: ExportedMetrics };
    return parsed.metrics;
  } catch {
    return undefined; // a part killed while writing it: its raw samples still count
  }
}

/** The thresholds of the run: the Metric lines' own (with abortOnFail), then sub-metrics' from the summaries. */
function thresholdConfig(
  definitions: Awaited<ReturnType<typeof readMetricDefinitions>>,
  summaries: readonly ExportedMetrics[],
): Record<string, unknown[]> {
  const config: Record<string, unknown[]> = {};
  // Sources only: whether a threshold would have aborted the run no longer matters once it ended.
  for (const definition of definitions)
    if (definition.thresholds.length > 0) config[definition.name] ??= definition.thresholds.map(sourceOf);
  for (const metrics of summaries) {
    for (const [name, values] of Object.entries(metrics)) {
      const thresholds = values['thresholds'];
      if (typeof thresholds === 'object' && thresholds !== null) config[name] ??= Object.keys(thresholds);
    }
  }
  return config;
}

/** The trend stats the parts summarised with (their export's keys for a Trend), else k6's default. */
function trendStatsOf(
  summaries: readonly ExportedMetrics[],
  trends: readonly string[],
): string[] | undefined {
  for (const metrics of summaries) {
    for (const name of trends) {
      const values = metrics[name];
      if (values) return Object.keys(values).filter((key) => key !== 'thresholds');
    }
  }
  return undefined;
}

interface Head {
  index: number;
  iterator: AsyncGenerator<MetricPoint>;
  point: MetricPoint;
}

/** Merges the parts into `jsonOut` and `summaryExport`; a part's missing or damaged file is said, not thrown. */
export async function mergeParts(input: MergeInput): Promise<MergeResult> {
  const present = input.parts.filter((part) => existsSync(part.metricsPath));
  const definitions = (
    await Promise.all(present.map((part) => readMetricDefinitions(part.metricsPath)))
  ).flat();
  const summaries = input.parts
    .map((part) => readExportedMetrics(part.summaryPath))
    .filter((metrics): metrics is ExportedMetrics => metrics !== undefined);

  const registry = new MetricRegistry({ trendExactLimit: Infinity });
  registerBuiltinMetrics(registry);
  registry.define('sse_event', 'counter');
  for (const definition of definitions)
    registry.define(definition.name, definition.type, definition.contains);
  const thresholds = createThresholdSet(thresholdConfig(definitions, summaries), registry);
  const groups = new GroupTree();
  const json = JsonOutput.open({ path: input.jsonOut, registry, thresholds });

  const stats = input.parts.map((): ReadPointsStats => ({ points: 0, malformedLines: 0, truncated: false }));
  const heads: Head[] = [];
  const advance = async (index: number, iterator: AsyncGenerator<MetricPoint>): Promise<void> => {
    const next = await iterator.next();
    if (!next.done) heads.push({ index, iterator, point: next.value });
  };
  await Promise.all(
    input.parts.map((part, index) =>
      existsSync(part.metricsPath)
        ? advance(index, readMetricPoints(part.metricsPath, { stats: stats[index] }))
        : Promise.resolve(),
    ),
  );
  let points = 0;
  let firstMs: number | undefined;
  let lastMs: number | undefined;
  try {
    while (heads.length > 0) {
      // The earliest head (on our clock) goes next: parts are few, a scan beats a heap.
      let at = 0;
      for (let i = 1; i < heads.length; i++) {
        const a = heads[i] as Head;
        const b = heads[at] as Head;
        if (a.point.time - offsetOf(input, a) < b.point.time - offsetOf(input, b)) at = i;
      }
      const head = heads.splice(at, 1)[0] as Head;
      const { point } = head;
      const sample: Sample = {
        metric: point.metric,
        time: point.time - offsetOf(input, head),
        value: point.value,
        tags: point.tags,
        ...(Object.keys(point.metadata).length > 0 ? { metadata: point.metadata } : {}),
      };
      if (input.fromMs !== undefined && sample.time < input.fromMs) {
        await advance(head.index, head.iterator);
        continue;
      }
      firstMs ??= sample.time;
      lastMs = sample.time;
      if (registry.get(sample.metric) === undefined) registry.define(sample.metric, 'trend');
      registry.add(sample);
      groups.addSample(sample);
      json.add(sample);
      points++;
      await advance(head.index, head.iterator);
    }
  } finally {
    await json.close();
  }
  const testRunDurationMs =
    input.testRunDurationMs ?? (firstMs === undefined || lastMs === undefined ? 0 : lastMs - firstMs);
  const evaluation = evaluateThresholds(thresholds, {
    elapsedMs: testRunDurationMs,
    ignoreEmptySinks: false,
  });
  const trendNames = registry
    .all()
    .filter((metric) => metric.type === 'trend')
    .map((metric) => metric.name);
  const trendStats = trendStatsOf(summaries, trendNames);
  const data = buildSummaryData({
    registry,
    groups,
    thresholds,
    testRunDurationMs,
    ...(trendStats ? { summaryTrendStats: trendStats } : {}),
  });
  writeFileSync(input.summaryExport, formatSummaryExport(data));
  return {
    points,
    parts: input.parts.map((part, index) => {
      const read = stats[index] as ReadPointsStats;
      return {
        name: part.name,
        points: read.points,
        damaged: !existsSync(part.metricsPath) || read.truncated || read.malformedLines > 0,
      };
    }),
    breached: evaluation.breached,
    ...(firstMs === undefined ? {} : { firstMs }),
    ...(lastMs === undefined ? {} : { lastMs }),
  };
}

function sourceOf(threshold: unknown): unknown {
  return typeof threshold === 'object' && threshold !== null && 'threshold' in threshold
    ? (threshold as { threshold: unknown }).threshold
    : threshold;
}

function offsetOf(input: MergeInput, head: Head): number {
  return input.parts[head.index]?.offsetMs ?? 0;
}

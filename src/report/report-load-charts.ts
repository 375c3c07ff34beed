// The load generator's charts: VUs, throughput and latency over time, throughput against concurrency, and the
// latency distributions, each with the reason it is empty when it is.
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { RUN_FILES } from '../results/run-files.ts';
import type { LatencyDistribution, SeriesBucket } from '../results/run-series.ts';
import { formatDurationMs, formatNumber, formatTokensPerSecond } from './charts/format.ts';
import { renderHistogram } from './charts/histogram.ts';
import { renderLineChart, type LinePoint, type LineSeries } from './charts/line-chart.ts';
import { toChartView, type ChartGroup, type ChartView } from './chart-view.ts';
import { formatCount } from './format-values.ts';
import { damageOf } from './run-damage.ts';
import { buildTimeChart, CHART_SIZE } from './time-chart.ts';

/** The x range of every time chart of a run: from its start to its end, so that the charts line up. */
export function pickTimeDomain(analysis: RunAnalysis): [number, number] {
  return [0, Math.max(analysis.durationSeconds, analysis.series.at(-1)?.t ?? 0)];
}

function over(buckets: readonly SeriesBucket[], pick: (b: SeriesBucket) => number | undefined): LinePoint[] {
  return buckets.map((b) => ({ x: b.t, y: pick(b) }));
}

function timeChart(
  xDomain: [number, number],
  id: string,
  title: string,
  yLabel: string,
  series: LineSeries[],
  emptyReason: string,
  options: { yFormat?: (v: number) => string; step?: boolean } = {},
): ChartView {
  return buildTimeChart({ id, title, yLabel, series, emptyReason, xDomain, ...options });
}

function seriesGap(analysis: RunAnalysis): string {
  if (analysis.missing.includes(RUN_FILES.metrics)) {
    return `no ${RUN_FILES.metrics} in this run: the per-second series come from the metric stream`;
  }
  const damage = damageOf(analysis, RUN_FILES.metrics);
  if (damage?.unusable)
    return `${RUN_FILES.metrics} is damaged (${damage.problem}): nothing could be read from it`;
  return analysis.series.length === 0 ? 'the metric stream holds no samples' : 'no request finished';
}

// TTFT and ITL are timed on the stream: a non-streaming run has neither.
function streamGap(analysis: RunAnalysis, what: 'TTFT' | 'ITL'): string {
  if (analysis.series.length === 0) return seriesGap(analysis);
  if (!analysis.meta.stream)
    return `no ${what}: the run did not stream (STREAM=false), so tokens were not timed`;
  return what === 'TTFT'
    ? 'no successful request measured a first token'
    : 'no request streamed more than one token';
}

function histogram(
  id: string,
  title: string,
  name: string,
  distribution: LatencyDistribution,
  emptyReason: string,
): ChartView {
  const svg = renderHistogram({
    id,
    title,
    xLabel: name,
    series: [{ name, values: distribution.values }],
    xFormat: formatDurationMs,
    ...CHART_SIZE,
  });
  const caption = distribution.sampled
    ? `a uniform sample of ${formatCount(distribution.values.length)} of ${formatCount(distribution.count)} values`
    : undefined;
  return toChartView({ id, title, svg }, distribution.values.length > 0, emptyReason, { caption });
}

function concurrencyChart(analysis: RunAnalysis): ChartView {
  const id = 'throughput-vs-concurrency';
  const title = 'Output throughput against load';
  const curve = analysis.concurrency;
  const points = (curve?.levels ?? []).map((l) => ({ x: l.concurrency, y: l.outputTokensPerSecond }));
  const xLabel = curve?.levelKind === 'rate' ? 'offered requests/s' : 'active VUs';
  const series = [{ name: 'output tok/s', points }];
  const svg = renderLineChart({
    id,
    title,
    xLabel,
    yLabel: 'output tok/s',
    series,
    yFormat: formatTokensPerSecond,
    yMin: 0,
    markers: true,
    ...CHART_SIZE,
  });
  const reason = curve
    ? 'no steady load level: every second of the run was a ramp or had no VU'
    : seriesGap(analysis);
  return toChartView({ id, title, svg }, points.length > 0, reason, {
    caption: 'steady seconds only: the seconds while the load level was changing are left out',
  });
}

function errorSeries(buckets: readonly SeriesBucket[]): LineSeries[] {
  const totals = new Map<string, number>();
  for (const b of buckets) {
    for (const [kind, n] of Object.entries(b.errorsByKind)) totals.set(kind, (totals.get(kind) ?? 0) + n);
  }
  const kinds = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    { name: 'failed/s', points: over(buckets, (b) => b.failed / b.seconds) },
    ...kinds.map(([kind]) => ({
      name: kind,
      points: over(buckets, (b) => (b.errorsByKind[kind] ?? 0) / b.seconds),
    })),
  ];
}

/** The charts drawn from the metric stream, in two groups: load and throughput, latency and errors. */
export function buildLoadCharts(analysis: RunAnalysis): ChartGroup[] {
  const buckets = analysis.series;
  const gap = seriesGap(analysis);
  const serverTokens = (analysis.diagnostics?.serverTokens ?? []).filter(
    (p) => p.outputTokensPerSec !== undefined,
  );
  const tokenSeries: LineSeries[] = [
    { name: 'output tok/s (client)', points: over(buckets, (b) => b.outputTokensPerSecond) },
    ...(serverTokens.length > 0
      ? [
          {
            name: 'output tok/s (server)',
            points: serverTokens.map((p) => ({ x: p.t, y: p.outputTokensPerSec })),
          },
        ]
      : []),
  ];
  const d = analysis.distributions;
  const timeChartOf = timeChart.bind(undefined, pickTimeDomain(analysis));
  return [
    {
      id: 'load',
      title: 'Load and throughput',
      charts: [
        timeChartOf(
          'active-vus',
          'Active VUs',
          'VUs',
          [{ name: 'active VUs', points: over(buckets, (b) => b.activeVus) }],
          gap,
          {
            step: true,
            yFormat: formatNumber,
          },
        ),
        timeChartOf(
          'requests-per-second',
          'Requests finished per second',
          'requests/s',
          [{ name: 'requests/s', points: over(buckets, (b) => b.requestsPerSecond) }],
          gap,
        ),
        timeChartOf('output-tokens', 'Output tokens per second', 'output tok/s', tokenSeries, gap, {
          yFormat: formatTokensPerSecond,
        }),
        concurrencyChart(analysis),
      ],
    },
    {
      id: 'latency',
      title: 'Latency and errors',
      charts: [
        timeChartOf(
          'ttft-over-time',
          'Time to first token over time',
          'TTFT',
          [
            { name: 'TTFT p50', points: over(buckets, (b) => b.ttftP50Ms) },
            { name: 'TTFT p95', points: over(buckets, (b) => b.ttftP95Ms) },
          ],
          streamGap(analysis, 'TTFT'),
          { yFormat: formatDurationMs },
        ),
        timeChartOf(
          'e2e-over-time',
          'End-to-end latency over time',
          'E2E',
          [{ name: 'E2E p95', points: over(buckets, (b) => b.e2eP95Ms) }],
          gap,
          { yFormat: formatDurationMs },
        ),
        timeChartOf('errors-over-time', 'Failed requests per second', 'failed/s', errorSeries(buckets), gap),
        histogram('ttft-histogram', 'Time to first token', 'TTFT', d.ttft, streamGap(analysis, 'TTFT')),
        histogram('itl-histogram', 'Inter-token latency', 'ITL', d.itl, streamGap(analysis, 'ITL')),
        histogram('e2e-histogram', 'End-to-end latency', 'E2E', d.e2e, gap),
      ],
    },
  ];
}

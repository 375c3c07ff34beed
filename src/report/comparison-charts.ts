// The comparison's charts: one line per run against load level, output tokens over time, and goodput per run.
import type { RunComparison } from '../results/compare-runs.ts';
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { renderBarChart } from './charts/bar-chart.ts';
import { formatDurationMs, formatNumber, formatSeconds, formatTokensPerSecond } from './charts/format.ts';
import { renderLineChart, type LineSeries } from './charts/line-chart.ts';
import { toChartView, type ChartView } from './chart-view.ts';
import { CHART_SIZE, hasPoints } from './time-chart.ts';

function levelAxis(analyses: readonly RunAnalysis[]): string {
  const kinds = new Set(analyses.flatMap((a) => (a.concurrency ? [a.concurrency.levelKind] : [])));
  if (kinds.size > 1) return 'load level (active VUs or offered requests/s)';
  return kinds.has('rate') ? 'offered requests/s' : 'active VUs';
}

function curveChart(
  id: string,
  title: string,
  yLabel: string,
  series: LineSeries[],
  xLabel: string,
  yFormat: (v: number) => string,
): ChartView {
  const svg = renderLineChart({
    id,
    title,
    xLabel,
    yLabel,
    series,
    yFormat,
    yMin: 0,
    markers: true,
    ...CHART_SIZE,
  });
  return toChartView(
    { id, title, svg },
    hasPoints(series),
    'no run has a steady load level (or a metric stream)',
    {
      caption: 'steady seconds at each load level only; one line per run',
    },
  );
}

/** The charts of a comparison, one series per run (named by its label). */
export function buildComparisonCharts(
  analyses: readonly RunAnalysis[],
  comparison: RunComparison,
): ChartView[] {
  const labels = comparison.runs.map((r) => r.label);
  const xLabel = levelAxis(analyses);
  const perRun = (pick: (a: RunAnalysis) => LineSeries['points']): LineSeries[] =>
    analyses.map((a, i) => ({ name: labels[i] ?? a.meta.id, points: pick(a) }));
  const levels = (a: RunAnalysis) => a.concurrency?.levels ?? [];
  const tokens = perRun((a) => a.series.map((b) => ({ x: b.t, y: b.outputTokensPerSecond })));
  const goodputSvg = renderBarChart({
    id: 'goodput-per-run',
    title: 'Requests and goodput per second',
    yLabel: 'requests/s',
    categories: labels,
    series: [
      { name: 'requests/s', values: analyses.map((a) => a.headline.requestsPerSecond) },
      { name: 'goodput/s', values: comparison.goodput.map((g) => g.goodputPerSecond) },
    ],
    yFormat: formatNumber,
    ...CHART_SIZE,
  });
  const timeSvg = renderLineChart({
    id: 'output-tokens-over-time',
    title: 'Output tokens per second over time',
    xLabel: 'time since start',
    yLabel: 'output tok/s',
    xFormat: formatSeconds,
    yFormat: formatTokensPerSecond,
    yMin: 0,
    series: tokens,
    ...CHART_SIZE,
  });
  return [
    curveChart(
      'throughput-vs-concurrency',
      'Output throughput against load',
      'output tok/s',
      perRun((a) => levels(a).map((l) => ({ x: l.concurrency, y: l.outputTokensPerSecond }))),
      xLabel,
      formatTokensPerSecond,
    ),
    curveChart(
      'e2e-vs-concurrency',
      'p95 end-to-end latency against load',
      'p95 E2E',
      perRun((a) => levels(a).map((l) => ({ x: l.concurrency, y: l.e2eP95Ms }))),
      xLabel,
      formatDurationMs,
    ),
    toChartView(
      { id: 'output-tokens-over-time', title: 'Output tokens per second over time', svg: timeSvg },
      hasPoints(tokens),
      'no run has a metric stream',
    ),
    toChartView(
      { id: 'goodput-per-run', title: 'Requests and goodput per second', svg: goodputSvg },
      analyses.length > 0,
      'no runs',
    ),
  ];
}

// The campaign's charts from its analysis: heatmaps per load level, throughput against each scaling factor
// with the fitted laws, latency CDFs of the top cells, and the Pareto front. Rendering only: every number
// comes from src/campaign/analysis.
import type { CampaignAnalysis } from '../../campaign/analysis/analyze-campaign.ts';
import type { CellSummary } from '../../campaign/analysis/cell-summaries.ts';
import type { HeatmapGrid } from '../../campaign/analysis/heatmap-grids.ts';
import type { ScalingAnalysis } from '../../campaign/analysis/scaling-analysis.ts';
import { predictAmdahl } from '../../campaign/analysis/amdahl-fit.ts';
import { predictUsl } from '../../campaign/analysis/usl-fit.ts';
import { quantileOfSorted } from '../../util/percentile.ts';
import { formatDurationMs, formatNumber, formatPercent, formatTokensPerSecond } from '../charts/format.ts';
import { renderLineChart } from '../charts/line-chart.ts';
import { toChartView, type ChartGroup, type ChartView } from '../chart-view.ts';
import { CHART_SIZE } from '../time-chart.ts';
import { renderGridHeatmap } from './grid-heatmap.ts';
import { renderXyChart, type XySeries } from './xy-chart.ts';

const CURVE_STEPS = 60;
const CDF_POINTS = 200;

function heatmapCharts(grid: HeatmapGrid, [xFactor, yFactor]: [string, string], index: number): ChartView[] {
  const base = {
    xLabel: xFactor,
    yLabel: yFactor,
    columns: grid.columns.map(String),
    rows: grid.rows.map(String),
    failed: grid.failed,
  };
  const throughput = `Output tok/s at ${grid.loadLabel}`;
  const latency = `p95 E2E at ${grid.loadLabel}`;
  return [
    toChartView(
      {
        id: `heatmap-throughput-${index}`,
        title: throughput,
        svg: renderGridHeatmap({
          ...base,
          id: `heatmap-throughput-${index}`,
          title: throughput,
          values: grid.throughput,
          direction: 'higher-better',
          valueFormat: formatTokensPerSecond,
        }),
      },
      true,
      '',
      { caption: 'mean over repetitions; brighter is more throughput' },
    ),
    toChartView(
      {
        id: `heatmap-e2e-${index}`,
        title: latency,
        svg: renderGridHeatmap({
          ...base,
          id: `heatmap-e2e-${index}`,
          title: latency,
          values: grid.e2eP95,
          direction: 'lower-better',
          valueFormat: formatDurationMs,
        }),
      },
      true,
      '',
      { caption: 'worst repetition; brighter is faster' },
    ),
  ];
}

/** A fitted law as a smooth curve over the measured range. */
function curve(
  name: string,
  first: number,
  last: number,
  at: (n: number) => number,
  dash: string,
  colour: number,
): XySeries {
  const points = Array.from({ length: CURVE_STEPS + 1 }, (_, i) => {
    const n = first + ((last - first) * i) / CURVE_STEPS;
    return { x: n, y: at(n) };
  });
  return { name, points, mode: 'line', dash, colour };
}

function scalingChart(scaling: ScalingAnalysis): ChartView {
  const id = `scaling-${scaling.factor}`;
  const title = `Output tok/s against ${scaling.factor}`;
  const first = scaling.points[0]?.n ?? 1;
  const last = scaling.points.at(-1)?.n ?? 1;
  const series: XySeries[] = [
    {
      name: 'repetitions',
      mode: 'dots',
      colour: 6,
      faint: true,
      points: scaling.points.flatMap((p) => p.observations.map((y) => ({ x: p.n, y, label: p.label }))),
    },
    {
      name: 'measured (mean)',
      mode: 'dots',
      colour: 6,
      points: scaling.points.map((p) => ({ x: p.n, y: p.measured, label: p.label })),
    },
  ];
  const amdahl = scaling.amdahl?.fit;
  if (amdahl)
    series.push(
      curve(`Amdahl, s = ${formatNumber(amdahl.s)}`, first, last, (n) => predictAmdahl(amdahl, n), '', 0),
    );
  const usl = scaling.usl?.fit;
  if (usl) {
    const name = `USL, σ = ${formatNumber(usl.sigma)}, κ = ${formatNumber(usl.kappa)}`;
    series.push(curve(name, first, last, (n) => predictUsl(usl, n), '6 3', 1));
  }
  const x1 = scaling.baseline?.value;
  if (x1 !== undefined && x1 > 0) {
    // Perfect scaling only up to a little above the best measured, so that it does not flatten the data.
    const ceiling = 1.25 * Math.max(...scaling.points.map((p) => p.measured));
    const reach = Math.max(first, Math.min(last, ceiling / x1));
    series.push(curve('linear (perfect scaling)', first, reach, (n) => n * x1, '2 4', 2));
  }
  const svg = renderXyChart({
    id,
    title,
    xLabel: scaling.factor,
    yLabel: 'output tok/s',
    series,
    yMin: 0,
    yFormat: formatTokensPerSecond,
    ...CHART_SIZE,
    height: 340,
  });
  return toChartView(
    { id, title, svg },
    scaling.points.length > 0,
    `no ${scaling.factor} value served its load`,
    {
      caption: 'the best configuration served at each value (best load level, best other factors)',
    },
  );
}

/** Short legend names for a few cells: their rank and only the factors whose values differ among them. */
export function nameCells(cells: readonly CellSummary[]): string[] {
  const factors = (cell: CellSummary) => ({ ...cell.server, ...cell.load });
  const names = [...new Set(cells.flatMap((cell) => Object.keys(factors(cell))))];
  const differing = names.filter((name) => new Set(cells.map((cell) => factors(cell)[name])).size > 1);
  return cells.map((cell, i) => {
    const own = factors(cell);
    const parts = differing.filter((name) => name in own).map((name) => `${name}=${String(own[name])}`);
    return `#${i + 1} ${parts.length > 0 ? parts.join(', ') : cell.label}`;
  });
}

function cdfChart(top: readonly CellSummary[]): ChartView {
  const id = 'latency-cdf-top';
  const title = 'E2E latency distribution of the top cells';
  const names = nameCells(top);
  const series = top.map((cell, index) => {
    const sample = cell.e2eSample;
    const count = Math.min(CDF_POINTS, sample.length);
    const points = Array.from({ length: count }, (_, i) => {
      const q = count === 1 ? 1 : i / (count - 1);
      return { x: quantileOfSorted(sample, q), y: q * 100 };
    });
    return { name: names[index] ?? cell.label, points };
  });
  const svg = renderLineChart({
    id,
    title,
    xLabel: 'end-to-end latency',
    yLabel: 'requests at or below',
    series,
    xFormat: formatDurationMs,
    yFormat: formatPercent,
    yMin: 0,
    ...CHART_SIZE,
    height: 340,
  });
  const hasSample = series.some((s) => s.points.length > 0);
  return toChartView(
    { id, title, svg },
    hasSample,
    top.length === 0 ? 'no cell meets the objective' : 'the top cells kept no latency sample',
    {
      caption: "cumulative share of requests, each cell's repetitions merged",
    },
  );
}

function paretoChart(analysis: CampaignAnalysis): ChartView {
  const id = 'pareto-front';
  const title = 'Total throughput against per-user speed';
  const { points, front } = analysis.pareto;
  const toPoint = (p: (typeof points)[number]) => ({
    x: p.perUserSpeed,
    y: p.throughput,
    label: p.summary.label,
  });
  const best = analysis.ranking.best;
  const series: XySeries[] = [
    {
      name: 'configurations',
      mode: 'dots',
      colour: 5,
      points: points.filter((p) => !p.onFront).map(toPoint),
    },
    { name: 'Pareto front', mode: 'line+dots', colour: 3, points: front.map(toPoint) },
    {
      name: 'best under the objective',
      mode: 'dots',
      colour: 2,
      points: points.filter((p) => p.summary === best).map(toPoint),
    },
  ];
  const svg = renderXyChart({
    id,
    title,
    xLabel: 'per-user speed (1000 / TPOT p50)',
    yLabel: 'output tok/s',
    series,
    xFormat: formatTokensPerSecond,
    yFormat: formatTokensPerSecond,
    yMin: 0,
    ...CHART_SIZE,
    height: 340,
  });
  return toChartView({ id, title, svg }, points.length > 0, 'no served cell measured TPOT', {
    caption: 'up and right is better; the front holds the configurations no other beats on both',
  });
}

/** The chart groups of campaign.html, in page order. */
export function buildCampaignCharts(analysis: CampaignAnalysis): ChartGroup[] {
  const { heatmaps } = analysis;
  const factors = heatmaps.factors;
  return [
    {
      id: 'heatmaps',
      title: 'Heatmaps',
      charts: factors ? heatmaps.grids.flatMap((grid, i) => heatmapCharts(grid, factors, i)) : [],
    },
    { id: 'scaling', title: 'Scaling', charts: analysis.scaling.map(scalingChart) },
    { id: 'latency', title: 'Latency of the top cells', charts: [cdfChart(analysis.ranking.top)] },
    { id: 'pareto', title: 'Pareto front', charts: [paretoChart(analysis)] },
  ];
}

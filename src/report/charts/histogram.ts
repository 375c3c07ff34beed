// Histograms of distributions such as request latency, binned here, on a linear or log x axis.
import { closestRankOfSorted } from '../../util/percentile.ts';
import {
  layoutPlot,
  layoutWithYScale,
  renderChartRoot,
  renderNoData,
  renderXAxis,
  renderYAxis,
  type AxisTick,
} from './chart-frame.ts';
import { formatNumber, formatPercent } from './format.ts';
import { pickSeriesColour } from './palette.ts';
import { computeLogTicks, computeNiceTicks, createLinearScale, pickNiceStep } from './scale.ts';
import { svgEl, svgTitle } from './svg.ts';

/** One named sample set. */
export interface HistogramSeries {
  name: string;
  values: readonly number[];
}

/** How bins are spaced: evenly, evenly in log10, or log when the data spans a wide positive range. */
export type HistogramScale = 'linear' | 'log' | 'auto';

/** What renderHistogram draws. */
export interface HistogramSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel?: string;
  series: readonly HistogramSeries[];
  /** About how many bins (default 30); edges are rounded to nice values. */
  bins?: number;
  xFormat?: (value: number) => string;
  scale?: HistogramScale;
  /** Several series: translucent bars on top of each other, or thin bars next to each other. */
  layout?: 'overlay' | 'side-by-side';
  /** Plot each series' share of its samples (%) instead of counts, for sets of different sizes. */
  normalize?: boolean;
  width?: number;
  height?: number;
}

/** Bin edges (one more than bins) and, for each series, the count in each bin. */
export interface Binned {
  edges: number[];
  counts: number[][];
  scale: 'linear' | 'log';
}

/** Log bins when every value is positive and the middle 98% spans at least a factor of 50. */
export function chooseHistogramScale(values: readonly number[]): 'linear' | 'log' {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < 2 || !((sorted[0] ?? 0) > 0)) return 'linear';
  return closestRankOfSorted(sorted, 0.99) / closestRankOfSorted(sorted, 0.01) >= 50 ? 'log' : 'linear';
}

function closestNiceStep(span: number, bins: number): number {
  const up = pickNiceStep(span, bins);
  const mantissa = Math.round(up / 10 ** Math.floor(Math.log10(up) + 1e-9));
  const down = mantissa === 5 ? (up * 2) / 5 : up / 2;
  const binsWith = (step: number) => span / step;
  return Math.abs(Math.log(binsWith(down) / bins)) < Math.abs(Math.log(binsWith(up) / bins)) ? down : up;
}

function linearEdges(min: number, max: number, bins: number): number[] {
  const step = closestNiceStep(max - min, bins);
  const start = Math.floor(min / step) * step;
  const count = Math.max(1, Math.ceil((max - start) / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => Number((start + i * step).toPrecision(12)));
}

function logEdges(min: number, max: number, bins: number): number[] {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const decades = Math.max(hi - lo, 0.1);
  const perDecade = Math.max(1, Math.round(bins / decades));
  const first = Math.floor(lo * perDecade + 1e-9);
  const last = Math.max(first + 1, Math.ceil(hi * perDecade - 1e-9));
  return Array.from({ length: last - first + 1 }, (_, i) =>
    Number((10 ** ((first + i) / perDecade)).toPrecision(12)),
  );
}

/** Bins every series on shared edges; non-finite values (and non-positive ones on a log scale) are left out. */
export function binSeries(
  series: readonly (readonly number[])[],
  options: { bins?: number; scale?: HistogramScale } = {},
): Binned {
  const bins = Math.max(1, Math.round(options.bins ?? 30));
  const all = series.flat().filter(Number.isFinite);
  const scale =
    options.scale === 'log' || options.scale === 'linear' ? options.scale : chooseHistogramScale(all);
  const usable = scale === 'log' ? all.filter((v) => v > 0) : all;
  if (usable.length === 0) return { edges: [], counts: series.map(() => []), scale };
  const min = Math.min(...usable);
  const max = Math.max(...usable);
  const edges = scale === 'log' ? logEdges(min, max, bins) : linearEdges(min, max, bins);
  const last = edges.length - 2;
  const counts = series.map((values) => {
    const row = new Array<number>(edges.length - 1).fill(0);
    for (const v of values) {
      if (!Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((edges[mid] ?? Infinity) <= v) lo = mid;
        else hi = mid - 1;
      }
      row[lo] = (row[lo] ?? 0) + 1;
    }
    return row;
  });
  return { edges, counts, scale };
}

/** Renders one or more distributions as a histogram <svg> string. */
export function renderHistogram(spec: HistogramSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 320;
  const xFormat = spec.xFormat ?? formatNumber;
  const normalize = spec.normalize ?? false;
  const yFormat = normalize ? formatPercent : formatNumber;
  const yLabel = spec.yLabel ?? (normalize ? 'share of samples' : 'count');
  const legend =
    spec.series.length > 1
      ? spec.series.map((s, i) => ({ name: s.name, colour: pickSeriesColour(i), shape: 'box' as const }))
      : [];
  const root = { id: spec.id, title: spec.title, width, height, kind: 'histogram' };
  const binned = binSeries(
    spec.series.map((s) => s.values),
    { bins: spec.bins ?? 30, scale: spec.scale ?? 'auto' },
  );

  if (binned.edges.length === 0) {
    const { plot, header } = layoutPlot({ width, height, title: spec.title, legend, yTickLabels: [] });
    const empty = spec.series.map((s) => svgEl('g', { 'data-series': s.name, 'data-points': 0 }));
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }

  const totals = binned.counts.map((row) => row.reduce((a, b) => a + b, 0));
  const heights = binned.counts.map((row, i) =>
    row.map((count) => (normalize ? (100 * count) / Math.max(1, totals[i] ?? 0) : count)),
  );
  const top = Math.max(...heights.flat(), 1);
  // Counts are whole: never more ticks than the tallest bar has units (no 0.5 of a request).
  const ticksFor = (room: number): number => (normalize ? room : Math.min(room, top));
  const { plot, header, yScale } = layoutWithYScale({
    width,
    height,
    title: spec.title,
    legend,
    min: 0,
    max: top,
    yFormat,
    yLabel,
    xLabel: spec.xLabel,
    ticks: ticksFor,
  });
  const log = binned.scale === 'log';
  const toAxis = (v: number) => (log ? Math.log10(v) : v);
  const first = binned.edges[0] ?? 0;
  const end = binned.edges[binned.edges.length - 1] ?? 1;
  const xScale = createLinearScale({
    min: toAxis(first),
    max: toAxis(end),
    range: [plot.x, plot.x + plot.width],
    nice: false,
  });
  const xAt = (v: number) => xScale.map(toAxis(v));
  const tickValues = log
    ? computeLogTicks(first, end, plot.width / 70)
    : computeNiceTicks(first, end, plot.width / 90);
  const ticks: AxisTick[] = tickValues.map((value) => ({ value, position: xAt(value) }));

  const sideBySide = spec.layout === 'side-by-side' && spec.series.length > 1;
  const overlay = spec.series.length > 1 && !sideBySide;
  const groups = spec.series.map((s, i) => {
    const colour = pickSeriesColour(i);
    const row = heights[i] ?? [];
    const counts = binned.counts[i] ?? [];
    const bars: string[] = [];
    row.forEach((value, b) => {
      const count = counts[b] ?? 0;
      if (count === 0) return;
      const lo = binned.edges[b] ?? 0;
      const hi = binned.edges[b + 1] ?? lo;
      const left = xAt(lo);
      const full = Math.max(0.5, xAt(hi) - left);
      const slot = sideBySide ? full / spec.series.length : full;
      const gap = slot > 4 ? 1 : 0;
      const x = sideBySide ? left + i * slot : left;
      const y = yScale.map(value);
      const share = (100 * count) / Math.max(1, totals[i] ?? 0);
      bars.push(
        svgEl(
          'rect',
          {
            x: x + gap / 2,
            y,
            width: Math.max(0.5, slot - gap),
            height: Math.max(0, plot.y + plot.height - y),
            fill: colour,
            'fill-opacity': overlay ? 0.45 : 0.85,
            stroke: overlay ? colour : undefined,
            'stroke-width': overlay ? 1 : undefined,
          },
          svgTitle(`${s.name}\n${xFormat(lo)} – ${xFormat(hi)}: ${count} (${formatPercent(share)})`),
        ),
      );
    });
    return svgEl(
      'g',
      { 'data-series': s.name, 'data-points': totals[i] ?? 0, 'data-bins': bars.length },
      ...bars,
    );
  });

  return renderChartRoot(
    root,
    header,
    renderYAxis(yScale, plot, yFormat, yLabel),
    renderXAxis(ticks, plot, xFormat, log ? `${spec.xLabel} (log scale)` : spec.xLabel, { grid: false }),
    svgEl('g', { class: 'series' }, ...groups),
  );
}

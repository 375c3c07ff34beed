// Heatmaps: one row per series (e.g. CPU cores), one column per time bucket, colour for the value.
import {
  INK,
  layoutPlot,
  measureText,
  renderChartRoot,
  renderNoData,
  renderXAxis,
  truncateText,
  type AxisTick,
  renderYLabel,
} from './chart-frame.ts';
import { formatNumber } from './format.ts';
import { pickSequentialColour } from './palette.ts';
import { computeNiceTicks, createLinearScale, widenDomain } from './scale.ts';
import { svgEl, svgText, svgTitle, toSafeId } from './svg.ts';

/** One row of cells; an undefined or NaN value leaves its cell grey. */
export interface HeatmapRow {
  label: string;
  values: readonly (number | undefined)[];
}

/** What renderHeatmap draws. */
export interface HeatmapSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  rows: readonly HeatmapRow[];
  /** The start of each column (e.g. seconds since start); columns are as many as these. */
  xValues: readonly number[];
  min?: number;
  max?: number;
  valueFormat?: (value: number) => string;
  xFormat?: (value: number) => string;
  width?: number;
  height?: number;
}

const LEGEND_GUTTER = 64;
const MIN_LABEL_PITCH = 12;

function isValue(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The left and right edge of each column: up to the next column's start, the last as wide as the one before. */
export function computeColumnEdges(xValues: readonly number[]): [number, number][] {
  return xValues.map((x, i) => {
    const next = xValues[i + 1];
    if (next !== undefined) return [x, next];
    const previous = xValues[i - 1];
    return [x, previous !== undefined ? x + (x - previous) : x + 1];
  });
}

function renderColourLegend(
  gradientId: string,
  x: number,
  y: number,
  height: number,
  min: number,
  max: number,
  format: (value: number) => string,
): string {
  const stops = Array.from({ length: 11 }, (_, i) =>
    svgEl('stop', { offset: `${i * 10}%`, 'stop-color': pickSequentialColour(1 - i / 10) }),
  );
  const scale = createLinearScale({ min, max, range: [y + height, y], nice: false, tickCount: height / 40 });
  const ticks = [...new Set([min, ...scale.ticks, max])];
  const labels = ticks.flatMap((tick) => {
    const ty = scale.map(tick);
    if (tick !== min && tick !== max && (Math.abs(ty - y) < 12 || Math.abs(ty - y - height) < 12)) return [];
    return [
      svgEl('line', { x1: x + 12, y1: ty, x2: x + 15, y2: ty, stroke: INK.axis }),
      svgText({ x: x + 18, y: ty + 4, fill: INK.tick }, format(tick)),
    ];
  });
  return svgEl(
    'g',
    { class: 'colour-legend' },
    svgEl('defs', {}, svgEl('linearGradient', { id: gradientId, x1: 0, y1: 0, x2: 0, y2: 1 }, ...stops)),
    svgEl('rect', { x, y, width: 12, height, fill: `url(#${gradientId})`, stroke: INK.grid }),
    ...labels,
  );
}

/** Renders a heatmap with a colour-scale legend as a standalone <svg> string. */
export function renderHeatmap(spec: HeatmapSpec): string {
  const width = spec.width ?? 720;
  const rowCount = spec.rows.length;
  const height = spec.height ?? Math.min(560, Math.max(220, 120 + rowCount * 14));
  const valueFormat = spec.valueFormat ?? formatNumber;
  const xFormat = spec.xFormat ?? formatNumber;
  const columns = spec.xValues.length;
  const values = spec.rows.flatMap((row) => row.values.slice(0, columns).filter(isValue));
  const root = { id: spec.id, title: spec.title, width, height, kind: 'heatmap' };
  const labelWidth = Math.max(0, ...spec.rows.map((row) => measureText(truncateText(row.label, 90))));

  if (values.length === 0 || columns === 0) {
    const { plot, header } = layoutPlot({ width, height, title: spec.title, legend: [], yTickLabels: [] });
    const empty = spec.rows.map((row) => svgEl('g', { 'data-series': row.label, 'data-points': 0 }));
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }

  const [min, max] = widenDomain(spec.min ?? Math.min(...values), spec.max ?? Math.max(...values));
  const { plot, header } = layoutPlot({
    width,
    height,
    title: spec.title,
    legend: [],
    yTickLabels: [],
    yLabel: spec.yLabel,
    xLabel: spec.xLabel,
    rightGutter: LEGEND_GUTTER,
  });
  plot.x += labelWidth;
  plot.width -= labelWidth;
  const edges = computeColumnEdges(spec.xValues);
  const xStart = edges[0]?.[0] ?? 0;
  const xEnd = edges[edges.length - 1]?.[1] ?? 1;
  const xScale = createLinearScale({
    min: xStart,
    max: xEnd,
    range: [plot.x, plot.x + plot.width],
    nice: false,
  });
  const rowHeight = plot.height / Math.max(1, rowCount);
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_PITCH / rowHeight));

  const rowsMarkup = spec.rows.map((row, r) => {
    const y = plot.y + r * rowHeight;
    const cells: string[] = [];
    let count = 0;
    edges.forEach(([left, right], c) => {
      const value = row.values[c];
      const defined = isValue(value);
      if (defined) count++;
      const x0 = xScale.map(left);
      const x1 = xScale.map(right);
      const when = `${spec.xLabel} ${xFormat(left)}`;
      cells.push(
        svgEl(
          'rect',
          {
            x: x0,
            y,
            width: Math.max(0.5, x1 - x0),
            height: rowHeight,
            fill: defined ? pickSequentialColour((value - min) / (max - min)) : INK.missing,
            'data-value': defined ? value : undefined,
          },
          svgTitle(`${row.label} · ${when}: ${defined ? valueFormat(value) : 'no sample'}`),
        ),
      );
    });
    const label =
      r % labelEvery === 0
        ? svgText(
            { x: plot.x - 6, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', fill: INK.tick },
            truncateText(row.label, 90),
          )
        : '';
    return label + svgEl('g', { 'data-series': row.label, 'data-points': count }, ...cells);
  });

  const ticks: AxisTick[] = computeNiceTicks(xStart, xEnd, plot.width / 90).map((value) => ({
    value,
    position: xScale.map(value),
  }));
  return renderChartRoot(
    root,
    header,
    renderYLabel(spec.yLabel, plot),
    svgEl('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, ...rowsMarkup),
    renderXAxis(ticks, plot, xFormat, spec.xLabel, { grid: false }),
    renderColourLegend(
      `${toSafeId(spec.id)}-scale`,
      plot.x + plot.width + 16,
      plot.y,
      plot.height,
      min,
      max,
      valueFormat,
    ),
  );
}

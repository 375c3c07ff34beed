// An x-y chart mixing lines and dots on linear axes: measured points with fitted curves through them (the
// scaling chart), every configuration with the front drawn through the best ones (the Pareto chart). Built on
// the same frame, axes, palette and markup as every other chart of the reports.
import {
  layoutPlot,
  layoutWithYScale,
  renderChartRoot,
  renderNoData,
  renderXAxis,
  renderYAxis,
  type LegendEntry,
} from '../charts/chart-frame.ts';
import { formatNumber } from '../charts/format.ts';
import { pickSeriesColour } from '../charts/palette.ts';
import { createLinearScale } from '../charts/scale.ts';
import { formatCoord, svgEl, svgTitle } from '../charts/svg.ts';

/** A point; `label` is its tooltip's first line (a configuration, a repetition). */
export interface XyPoint {
  x: number;
  y: number;
  label?: string;
}

/** A named series drawn as a line, as dots, or both. */
export interface XySeries {
  name: string;
  points: readonly XyPoint[];
  mode: 'line' | 'dots' | 'line+dots';
  dash?: string;
  /** A palette index (default: the series' own index). */
  colour?: number;
  /** Hollow, smaller dots (e.g. individual repetitions under their mean). */
  faint?: boolean;
}

/** What renderXyChart draws. */
export interface XyChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly XySeries[];
  xFormat?: (value: number) => string;
  yFormat?: (value: number) => string;
  width?: number;
  height?: number;
  /** Lower bounds the axes start at (e.g. 0), widened if data goes below. */
  xMin?: number;
  yMin?: number;
}

function isFinitePoint(p: XyPoint): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y);
}

/** Renders the chart as a standalone <svg> string; each series is a [data-series] group with its point count. */
export function renderXyChart(spec: XyChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 340;
  const xFormat = spec.xFormat ?? formatNumber;
  const yFormat = spec.yFormat ?? formatNumber;
  const colourOf = (s: XySeries, i: number) => pickSeriesColour(s.colour ?? i);
  const legend: LegendEntry[] = spec.series.map((s, i) => ({
    name: s.name,
    colour: colourOf(s, i),
    shape: s.mode === 'dots' ? 'box' : 'line',
    dash: s.dash,
  }));
  const root = { id: spec.id, title: spec.title, width, height, kind: 'xy' };
  const all = spec.series.flatMap((s) => s.points.filter(isFinitePoint));
  if (all.length === 0) {
    const { plot, header } = layoutPlot({ width, height, title: spec.title, legend, yTickLabels: ['0'] });
    const empty = spec.series.map((s) => svgEl('g', { 'data-series': s.name, 'data-points': 0 }));
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }
  const ys = all.map((p) => p.y);
  const xs = all.map((p) => p.x);
  const { plot, header, yScale } = layoutWithYScale({
    width,
    height,
    title: spec.title,
    legend,
    min: Math.min(spec.yMin ?? Infinity, ...ys),
    max: Math.max(...ys),
    yFormat,
    yLabel: spec.yLabel,
    xLabel: spec.xLabel,
  });
  const xScale = createLinearScale({
    min: Math.min(spec.xMin ?? Infinity, ...xs),
    max: Math.max(...xs),
    range: [plot.x, plot.x + plot.width],
    tickCount: plot.width / 80,
    padding: 0.04,
  });
  const ticks = xScale.ticks.map((value) => ({ value, position: xScale.map(value) }));
  const markup = spec.series.map((s, i) => {
    const colour = colourOf(s, i);
    const points = s.points.filter(isFinitePoint);
    const parts: string[] = [];
    if (s.mode !== 'dots' && points.length > 1) {
      const sorted = [...points].sort((a, b) => a.x - b.x);
      const d = sorted
        .map(
          (p, k) => `${k === 0 ? 'M' : 'L'}${formatCoord(xScale.map(p.x))} ${formatCoord(yScale.map(p.y))}`,
        )
        .join('');
      parts.push(
        svgEl(
          'path',
          {
            d,
            fill: 'none',
            stroke: colour,
            'stroke-width': 2,
            'stroke-dasharray': s.dash,
            'stroke-linejoin': 'round',
          },
          svgTitle(s.name),
        ),
      );
    }
    if (s.mode !== 'line') {
      for (const p of points) {
        parts.push(
          svgEl(
            'circle',
            {
              cx: xScale.map(p.x),
              cy: yScale.map(p.y),
              r: s.faint ? 2.5 : 4,
              fill: s.faint ? '#fff' : colour,
              stroke: s.faint ? colour : '#fff',
              'stroke-width': s.faint ? 1.2 : 1,
            },
            svgTitle(
              `${p.label ? `${p.label}\n` : ''}${s.name}\n${spec.xLabel}: ${xFormat(p.x)}\n${spec.yLabel}: ${yFormat(p.y)}`,
            ),
          ),
        );
      }
    }
    return svgEl('g', { 'data-series': s.name, 'data-points': points.length }, ...parts);
  });
  return renderChartRoot(
    root,
    header,
    renderYAxis(yScale, plot, yFormat, spec.yLabel),
    renderXAxis(ticks, plot, xFormat, spec.xLabel),
    svgEl('g', { class: 'series' }, ...markup),
  );
}

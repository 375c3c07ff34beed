// Line charts: time series (x = seconds since start) and sweeps such as throughput against concurrency.
import {
  layoutPlot,
  layoutWithYScale,
  renderChartRoot,
  renderNoData,
  renderXAxis,
  renderYAxis,
  type AxisTick,
} from './chart-frame.ts';
import { formatNumber } from './format.ts';
import { pickSeriesColour, pickSeriesDash } from './palette.ts';
import { createLinearScale } from './scale.ts';
import { formatCoord, svgEl, svgTitle } from './svg.ts';

/** One point; an undefined or NaN y breaks the line there. */
export interface LinePoint {
  x: number;
  y: number | undefined;
}

/** One named line. */
export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
}

/** What renderLineChart draws. */
export interface LineChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  xFormat?: (value: number) => string;
  yFormat?: (value: number) => string;
  width?: number;
  height?: number;
  /** Lower bound of the y axis (e.g. 0), widened if data goes below it. */
  yMin?: number;
  /** The x range to show at least (e.g. the whole run), widened if data lies outside it. */
  xDomain?: readonly [number, number];
  /** Draw each value as held until the next point (step-after). */
  step?: boolean;
  /** Draw a dot at every point. */
  markers?: boolean;
}

const HOVER_TARGET_LIMIT = 600;
const MAX_DATA_TICKS = 16;

function isDrawable(point: LinePoint): point is { x: number; y: number } {
  return Number.isFinite(point.x) && typeof point.y === 'number' && Number.isFinite(point.y);
}

/** Splits a series, sorted by x, into runs of drawable points; missing values end a run. */
export function splitIntoSegments(points: readonly LinePoint[]): { x: number; y: number }[][] {
  const sorted = points.filter((p) => Number.isFinite(p.x)).sort((a, b) => a.x - b.x);
  const segments: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const point of sorted) {
    if (isDrawable(point)) {
      current.push({ x: point.x, y: point.y });
    } else if (current.length > 0) {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

function pathFor(segments: { x: number; y: number }[][], step: boolean): string {
  const commands: string[] = [];
  for (const segment of segments) {
    segment.forEach((p, i) => {
      const x = formatCoord(p.x);
      const y = formatCoord(p.y);
      if (i === 0) commands.push(`M${x} ${y}`);
      else if (step) commands.push(`L${x} ${formatCoord(segment[i - 1]?.y ?? p.y)}`, `L${x} ${y}`);
      else commands.push(`L${x} ${y}`);
    });
  }
  return commands.join('');
}

function distinctXs(series: readonly LineSeries[]): number[] {
  const xs = new Set<number>();
  for (const s of series) for (const p of s.points) if (isDrawable(p)) xs.add(p.x);
  return [...xs].sort((a, b) => a - b);
}

/** Renders a multi-series line chart as a standalone <svg> string. */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 320;
  const xFormat = spec.xFormat ?? formatNumber;
  const yFormat = spec.yFormat ?? formatNumber;
  const drawable = spec.series.flatMap((s) => s.points.filter(isDrawable));
  const legend = spec.series.map((s, i) => ({
    name: s.name,
    colour: pickSeriesColour(i),
    shape: 'line' as const,
    dash: pickSeriesDash(i),
  }));
  const root = { id: spec.id, title: spec.title, width, height, kind: 'line' };

  if (drawable.length === 0) {
    const { plot, header } = layoutPlot({ width, height, title: spec.title, legend, yTickLabels: ['0'] });
    const empty = spec.series.map((s) =>
      svgEl('path', { 'data-series': s.name, 'data-points': 0, fill: 'none' }),
    );
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }

  const ys = drawable.map((p) => p.y);
  const xs = distinctXs(spec.series);
  const yMinData = Math.min(...ys);
  const yMaxData = Math.max(...ys);
  const yLo = spec.yMin === undefined ? yMinData : Math.min(spec.yMin, yMinData);
  const { plot, header, yScale } = layoutWithYScale({
    width,
    height,
    title: spec.title,
    legend,
    min: yLo,
    max: yMaxData,
    yFormat,
    yLabel: spec.yLabel,
    xLabel: spec.xLabel,
  });
  const markers = spec.markers ?? false;
  const xScale = createLinearScale({
    min: Math.min(xs[0] ?? 0, spec.xDomain?.[0] ?? Infinity),
    max: Math.max(xs[xs.length - 1] ?? 0, spec.xDomain?.[1] ?? -Infinity),
    range: [plot.x, plot.x + plot.width],
    tickCount: plot.width / 90,
    nice: false,
    padding: markers ? 0.03 : 0,
  });
  const tickValues = markers && xs.length <= MAX_DATA_TICKS ? xs : xScale.ticks;
  const ticks: AxisTick[] = tickValues.map((value) => ({ value, position: xScale.map(value) }));

  const hoverTargets = !markers && drawable.length <= HOVER_TARGET_LIMIT;
  const seriesMarkup = spec.series.map((s, i) => {
    const colour = pickSeriesColour(i);
    const segments = splitIntoSegments(s.points);
    const pixels = segments.map((seg) => seg.map((p) => ({ x: xScale.map(p.x), y: yScale.map(p.y) })));
    const count = segments.reduce((n, seg) => n + seg.length, 0);
    const path = svgEl(
      'path',
      {
        d: pathFor(pixels, spec.step ?? false),
        'data-series': s.name,
        'data-points': count,
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
        'stroke-dasharray': pickSeriesDash(i),
      },
      svgTitle(s.name),
    );
    const dots: string[] = [];
    segments.forEach((seg, k) => {
      seg.forEach((p, j) => {
        const pixel = pixels[k]?.[j];
        if (!pixel) return;
        const isolated = seg.length === 1;
        if (!markers && !isolated && !hoverTargets) return;
        const visible = markers || isolated;
        dots.push(
          svgEl(
            'circle',
            {
              cx: pixel.x,
              cy: pixel.y,
              r: visible ? 3 : 5,
              fill: colour,
              'fill-opacity': visible ? undefined : 0,
              stroke: visible ? '#fff' : undefined,
              'stroke-width': visible ? 1 : undefined,
            },
            svgTitle(`${s.name}\n${spec.xLabel}: ${xFormat(p.x)}\n${spec.yLabel}: ${yFormat(p.y)}`),
          ),
        );
      });
    });
    return path + (dots.length > 0 ? svgEl('g', { 'data-markers': s.name }, ...dots) : '');
  });

  return renderChartRoot(
    root,
    header,
    renderYAxis(yScale, plot, yFormat, spec.yLabel),
    renderXAxis(ticks, plot, xFormat, spec.xLabel),
    svgEl('g', { class: 'series' }, ...seriesMarkup),
  );
}

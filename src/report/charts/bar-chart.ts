// Grouped bar charts: one group per category, one bar per series (e.g. p50/p90/p95/p99, or one per run).
import {
  INK,
  layoutPlot,
  layoutWithYScale,
  measureText,
  renderChartRoot,
  renderNoData,
  renderYAxis,
  truncateText,
} from './chart-frame.ts';
import { formatNumber } from './format.ts';
import { pickSeriesColour } from './palette.ts';
import { svgEl, svgText, svgTitle } from './svg.ts';

/** One named set of values, one per category; undefined or NaN leaves that bar out. */
export interface BarSeries {
  name: string;
  values: readonly (number | undefined)[];
}

/** What renderBarChart draws. */
export interface BarChartSpec {
  id: string;
  title: string;
  yLabel: string;
  xLabel?: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  yFormat?: (value: number) => string;
  width?: number;
  height?: number;
}

function isValue(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Renders a grouped bar chart as a standalone <svg> string. */
export function renderBarChart(spec: BarChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 320;
  const yFormat = spec.yFormat ?? formatNumber;
  const categories = spec.categories;
  const values = spec.series.flatMap((s) => s.values.slice(0, categories.length).filter(isValue));
  const legend =
    spec.series.length > 1
      ? spec.series.map((s, i) => ({ name: s.name, colour: pickSeriesColour(i), shape: 'box' as const }))
      : [];
  const root = { id: spec.id, title: spec.title, width, height, kind: 'bar' };

  if (values.length === 0 || categories.length === 0) {
    const { plot, header } = layoutPlot({ width, height, title: spec.title, legend, yTickLabels: [] });
    const empty = spec.series.map((s) => svgEl('g', { 'data-series': s.name, 'data-points': 0 }));
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }

  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const { plot, header, yScale } = layoutWithYScale({
    width,
    height,
    title: spec.title,
    legend,
    min: lo,
    max: hi,
    yFormat,
    yLabel: spec.yLabel,
    xLabel: spec.xLabel,
  });
  const baseline = yScale.map(0);
  const groupWidth = plot.width / categories.length;
  const inner = groupWidth * (spec.series.length > 1 ? 0.8 : 0.6);
  const barWidth = inner / Math.max(1, spec.series.length);
  const gap = barWidth > 6 ? 2 : 0;
  const bottom = plot.y + plot.height;

  const groups = spec.series.map((s, i) => {
    const colour = pickSeriesColour(i);
    const bars: string[] = [];
    let count = 0;
    categories.forEach((category, c) => {
      const value = s.values[c];
      const x = plot.x + c * groupWidth + (groupWidth - inner) / 2 + i * barWidth + gap / 2;
      const w = Math.max(0.5, barWidth - gap);
      if (!isValue(value)) {
        bars.push(
          svgText(
            { x: x + w / 2, y: baseline - 4, 'text-anchor': 'middle', fill: INK.muted, 'font-size': 10 },
            '–',
          ),
        );
        return;
      }
      count++;
      const y = yScale.map(value);
      const label = yFormat(value);
      bars.push(
        svgEl(
          'rect',
          {
            x,
            y: Math.min(y, baseline),
            width: w,
            height: Math.max(0.5, Math.abs(baseline - y)),
            rx: w > 8 ? 1.5 : 0,
            fill: colour,
          },
          svgTitle(`${category} · ${s.name}: ${label}`),
        ),
      );
      if (measureText(label, 10) + 2 <= barWidth) {
        bars.push(
          svgText(
            {
              x: x + w / 2,
              y: value >= 0 ? y - 4 : y + 12,
              'text-anchor': 'middle',
              fill: INK.label,
              'font-size': 10,
            },
            label,
          ),
        );
      }
    });
    return svgEl('g', { 'data-series': s.name, 'data-points': count }, ...bars);
  });

  const categoryLabels = categories.map((category, c) =>
    svgEl(
      'g',
      {},
      svgTitle(category),
      svgText(
        { x: plot.x + (c + 0.5) * groupWidth, y: bottom + 16, 'text-anchor': 'middle', fill: INK.tick },
        truncateText(category, groupWidth - 4),
      ),
    ),
  );
  const axis = svgEl(
    'g',
    { class: 'x-axis' },
    svgEl('line', { x1: plot.x, y1: baseline, x2: plot.x + plot.width, y2: baseline, stroke: INK.axis }),
    ...categoryLabels,
    spec.xLabel
      ? svgText(
          { x: plot.x + plot.width / 2, y: bottom + 34, 'text-anchor': 'middle', fill: INK.label },
          truncateText(spec.xLabel, plot.width),
        )
      : '',
  );
  return renderChartRoot(
    root,
    header,
    renderYAxis(yScale, plot, yFormat, spec.yLabel),
    svgEl('g', { class: 'series' }, ...groups),
    axis,
  );
}

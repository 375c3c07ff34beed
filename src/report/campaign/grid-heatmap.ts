// A heatmap over two categorical factors (columns by one, rows by another), each cell coloured and labelled
// with its value so that it reads without a legend; brighter is better whichever way the metric points.
// Cells that ran and failed say "failed", cells with nothing measured stay grey.
import {
  INK,
  layoutPlot,
  measureText,
  renderChartRoot,
  renderNoData,
  truncateText,
  renderYLabel,
} from '../charts/chart-frame.ts';
import { formatNumber } from '../charts/format.ts';
import { pickSequentialColour } from '../charts/palette.ts';
import { widenDomain } from '../charts/scale.ts';
import { svgEl, svgText, svgTitle } from '../charts/svg.ts';

/** What renderGridHeatmap draws: values[row][column]. */
export interface GridHeatmapSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  columns: readonly string[];
  rows: readonly string[];
  values: readonly (readonly (number | undefined)[])[];
  failed?: readonly (readonly boolean[])[];
  direction: 'higher-better' | 'lower-better';
  valueFormat?: (value: number) => string;
  width?: number;
}

const FAILED_FILL = '#fecaca';
const ROW_HEIGHT = 40;

/** Whether dark text reads better than white on a viridis colour at t (the light end is yellow-green). */
function textColourFor(t: number): string {
  return t > 0.55 ? '#111827' : '#ffffff';
}

/** Renders the heatmap as a standalone <svg>; each row is a [data-series] group counting its measured cells. */
export function renderGridHeatmap(spec: GridHeatmapSpec): string {
  const width = spec.width ?? 640;
  const format = spec.valueFormat ?? formatNumber;
  const height = Math.max(200, 110 + spec.rows.length * ROW_HEIGHT);
  const root = { id: spec.id, title: spec.title, width, height, kind: 'grid-heatmap' };
  const values = spec.values.flat().filter((v): v is number => v !== undefined && Number.isFinite(v));
  const rowLabels = spec.rows.map((row) => truncateText(row, 90));
  const { plot, header } = layoutPlot({
    width,
    height,
    title: spec.title,
    legend: [],
    yTickLabels: rowLabels,
    yLabel: spec.yLabel,
    xLabel: spec.xLabel,
  });
  if (values.length === 0 || spec.columns.length === 0) {
    const empty = spec.rows.map((row) => svgEl('g', { 'data-series': row, 'data-points': 0 }));
    return renderChartRoot(root, header, renderNoData(plot), ...empty);
  }
  const [min, max] = widenDomain(Math.min(...values), Math.max(...values));
  const cellWidth = plot.width / spec.columns.length;
  const cellHeight = plot.height / Math.max(1, spec.rows.length);
  const rows = spec.rows.map((row, r) => {
    const y = plot.y + r * cellHeight;
    const cells = spec.columns.map((column, c) => {
      const value = spec.values[r]?.[c];
      const failed = spec.failed?.[r]?.[c] ?? false;
      const x = plot.x + c * cellWidth;
      const measured = value !== undefined && Number.isFinite(value);
      const share = measured ? (value - min) / (max - min) : 0;
      const t = spec.direction === 'higher-better' ? share : 1 - share;
      const text = measured ? format(value) : failed ? 'failed' : 'not run';
      const where = `${spec.xLabel} ${column}, ${spec.yLabel} ${row}`;
      return svgEl(
        'g',
        { 'data-value': measured ? value : undefined, 'data-failed': failed || undefined },
        svgEl('rect', {
          x: x + 1,
          y: y + 1,
          width: Math.max(1, cellWidth - 2),
          height: Math.max(1, cellHeight - 2),
          rx: 3,
          fill: measured ? pickSequentialColour(t) : failed ? FAILED_FILL : INK.missing,
        }),
        svgText(
          {
            x: x + cellWidth / 2,
            y: y + cellHeight / 2 + 4,
            'text-anchor': 'middle',
            fill: measured ? textColourFor(t) : failed ? '#991b1b' : INK.muted,
            'font-size': measureText(text, 12) < cellWidth - 6 ? 12 : 9,
          },
          truncateText(text, cellWidth - 4, 9),
        ),
        svgTitle(`${where}: ${text}`),
      );
    });
    const count = spec.columns.filter((_, c) => Number.isFinite(spec.values[r]?.[c] ?? NaN)).length;
    return (
      svgText(
        { x: plot.x - 6, y: y + cellHeight / 2 + 4, 'text-anchor': 'end', fill: INK.tick },
        rowLabels[r] ?? '',
      ) + svgEl('g', { 'data-series': row, 'data-points': count }, ...cells)
    );
  });
  const bottom = plot.y + plot.height;
  const columnLabels = spec.columns.map((column, c) =>
    svgText(
      { x: plot.x + (c + 0.5) * cellWidth, y: bottom + 16, 'text-anchor': 'middle', fill: INK.tick },
      truncateText(column, cellWidth - 4),
    ),
  );
  return renderChartRoot(
    root,
    header,
    renderYLabel(spec.yLabel, plot),
    ...rows,
    ...columnLabels,
    svgText(
      { x: plot.x + plot.width / 2, y: bottom + 34, 'text-anchor': 'middle', fill: INK.label },
      truncateText(spec.xLabel, plot.width),
    ),
  );
}

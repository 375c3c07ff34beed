// The parts every chart shares: root element, title, legend, axes, gridlines and the "no data" placeholder.
import { createLinearScale, type LinearScale } from './scale.ts';
import { svgEl, svgText, svgTitle, toSafeId } from './svg.ts';

/** The rectangle data is drawn into, in SVG pixels. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One legend entry: a line swatch for line charts, a box for filled marks. */
export interface LegendEntry {
  name: string;
  colour: string;
  shape: 'line' | 'box';
  dash?: string | undefined;
}

/** A tick to draw on the x axis: its value (for the label) and its pixel position. */
export interface AxisTick {
  value: number;
  position: number;
}

/** The chart's ink: text, axis and grid colours. */
export const INK = {
  title: '#111827',
  label: '#374151',
  tick: '#4b5563',
  muted: '#9ca3af',
  axis: '#9ca3af',
  grid: '#e5e7eb',
  missing: '#f3f4f6',
} as const;

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const PAD = 16;
const LEGEND_ROW = 18;

/** An estimate of a text's rendered width in pixels (no layout engine server-side). */
export function measureText(text: string, fontSize = 11): number {
  let width = 0;
  for (const ch of text) width += /[ilI.,:;|'!]/.test(ch) ? 0.3 : /[A-Z%@mwMW]/.test(ch) ? 0.8 : 0.6;
  return width * fontSize;
}

/** Shortens text with an ellipsis so that it fits `maxWidth` pixels. */
export function truncateText(text: string, maxWidth: number, fontSize = 11): string {
  if (measureText(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && measureText(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** Lays out legend entries in wrapping rows from (x, y); returns the markup and the height used. */
export function renderLegend(
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  maxWidth: number,
): { markup: string; height: number } {
  if (entries.length === 0) return { markup: '', height: 0 };
  const items: string[] = [];
  let cx = x;
  let row = 0;
  for (const entry of entries) {
    const label = truncateText(entry.name, Math.min(240, maxWidth - 24));
    const itemWidth = 20 + measureText(label) + 16;
    if (cx > x && cx + itemWidth > x + maxWidth) {
      cx = x;
      row++;
    }
    const cy = y + row * LEGEND_ROW;
    const swatch =
      entry.shape === 'line'
        ? svgEl('line', {
            x1: cx,
            y1: cy,
            x2: cx + 14,
            y2: cy,
            stroke: entry.colour,
            'stroke-width': 2.5,
            'stroke-dasharray': entry.dash,
          })
        : svgEl('rect', { x: cx + 2, y: cy - 5, width: 10, height: 10, rx: 2, fill: entry.colour });
    items.push(
      svgEl(
        'g',
        { 'data-legend': entry.name },
        svgTitle(entry.name),
        swatch,
        svgText({ x: cx + 20, y: cy + 4, fill: INK.label }, label),
      ),
    );
    cx += itemWidth;
  }
  return { markup: svgEl('g', { class: 'legend' }, ...items), height: (row + 1) * LEGEND_ROW };
}

/** Where the plot goes once the title, legend and axis labels have their room, plus the header markup. */
export function layoutPlot(options: {
  width: number;
  height: number;
  title: string;
  legend: readonly LegendEntry[];
  yTickLabels: readonly string[];
  yLabel?: string | undefined;
  xLabel?: string | undefined;
  rightGutter?: number;
}): { plot: PlotArea; header: string } {
  const { width, height } = options;
  const title = svgText(
    { x: PAD, y: 22, fill: INK.title, 'font-size': 14, 'font-weight': 600 },
    truncateText(options.title, width - 2 * PAD, 14),
  );
  const legend = renderLegend(options.legend, PAD, 42, width - 2 * PAD);
  const top = 36 + (legend.height > 0 ? legend.height + 4 : 0) + 8;
  const tickWidth = Math.max(0, ...options.yTickLabels.map((label) => measureText(label)));
  const left = PAD + (options.yLabel ? 18 : 0) + tickWidth + 8;
  const bottom = height - (options.xLabel ? 42 : 26);
  const right = width - PAD - (options.rightGutter ?? 0);
  return {
    plot: { x: left, y: top, width: Math.max(10, right - left), height: Math.max(10, bottom - top) },
    header: title + legend.markup,
  };
}

/** Horizontal gridlines, tick labels and the rotated label of a y axis. */
export function renderYAxis(
  scale: LinearScale,
  plot: PlotArea,
  format: (value: number) => string,
  label?: string,
): string {
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    const y = scale.map(tick);
    parts.push(
      svgEl('line', { x1: plot.x, y1: y, x2: plot.x + plot.width, y2: y, stroke: INK.grid }),
      svgText({ x: plot.x - 6, y: y + 4, 'text-anchor': 'end', fill: INK.tick }, format(tick)),
    );
  }
  if (label) parts.push(renderYLabel(label, plot, PAD + 4));
  return svgEl('g', { class: 'y-axis' }, ...parts);
}

/** A y axis' label, rotated, centred on the plot's height at `x` (the heatmaps' rows have no tick scale). */
export function renderYLabel(label: string, plot: PlotArea, x = 20): string {
  const y = plot.y + plot.height / 2;
  return svgText(
    { x, y, transform: `rotate(-90 ${x} ${y})`, 'text-anchor': 'middle', fill: INK.label },
    truncateText(label, plot.height),
  );
}

/** The x axis line, vertical gridlines, tick labels (skipping any that would overlap) and the axis label. */
export function renderXAxis(
  ticks: readonly AxisTick[],
  plot: PlotArea,
  format: (value: number) => string,
  label?: string,
  options: { grid?: boolean } = {},
): string {
  const bottom = plot.y + plot.height;
  const parts: string[] = [];
  let lastRight = -Infinity;
  // A label at the plot's right edge is pulled in so that it stays inside the chart (the right padding is PAD).
  const maxRight = plot.x + plot.width + PAD - 2;
  for (const tick of ticks) {
    const text = format(tick.value);
    const half = measureText(text) / 2;
    const x = Math.min(tick.position, maxRight - half);
    if (x - half < lastRight + 6) continue;
    lastRight = x + half;
    if (options.grid ?? true) {
      parts.push(
        svgEl('line', { x1: tick.position, y1: plot.y, x2: tick.position, y2: bottom, stroke: INK.grid }),
      );
    }
    parts.push(
      svgEl('line', { x1: tick.position, y1: bottom, x2: tick.position, y2: bottom + 4, stroke: INK.axis }),
      svgText({ x, y: bottom + 16, 'text-anchor': 'middle', fill: INK.tick }, text),
    );
  }
  parts.push(
    svgEl('line', { x1: plot.x, y1: bottom, x2: plot.x + plot.width, y2: bottom, stroke: INK.axis }),
  );
  if (label) {
    parts.push(
      svgText(
        { x: plot.x + plot.width / 2, y: bottom + 34, 'text-anchor': 'middle', fill: INK.label },
        truncateText(label, plot.width),
      ),
    );
  }
  return svgEl('g', { class: 'x-axis' }, ...parts);
}

/** A dashed frame with "No data" in the middle of the plot, marked data-points="0". */
export function renderNoData(plot: PlotArea, message = 'No data'): string {
  return svgEl(
    'g',
    { 'data-placeholder': 'no-data', 'data-points': 0 },
    svgEl('rect', {
      x: plot.x,
      y: plot.y,
      width: plot.width,
      height: plot.height,
      fill: '#fafafa',
      stroke: INK.grid,
      'stroke-dasharray': '4 4',
    }),
    svgText(
      {
        x: plot.x + plot.width / 2,
        y: plot.y + plot.height / 2 + 5,
        'text-anchor': 'middle',
        fill: INK.muted,
        'font-size': 14,
      },
      message,
    ),
  );
}

/** The root <svg>: data-chart, role="img", an accessible <title>, fixed size that shrinks to fit its container. */
export function renderChartRoot(
  spec: { id: string; title: string; width: number; height: number; kind: string },
  ...body: string[]
): string {
  const titleId = `${toSafeId(spec.id)}-title`;
  return svgEl(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${spec.width} ${spec.height}`,
      width: spec.width,
      height: spec.height,
      role: 'img',
      'aria-labelledby': titleId,
      'data-chart': spec.id,
      'data-kind': spec.kind,
      'font-family': FONT_FAMILY,
      'font-size': 11,
      style: 'max-width:100%;height:auto;background:#fff',
    },
    svgTitle(spec.title, { id: titleId }),
    ...body,
  );
}

/**
 * Lays out a chart with a linear y axis over [min, max]: the tick labels decide the left margin, so the ticks
 * are first probed at the full height, then the scale is made for the plot that remains. `ticks` turns the
 * room for ticks into a tick count (histograms cap it at whole counts).
 */
export function layoutWithYScale(options: {
  width: number;
  height: number;
  title: string;
  legend: readonly LegendEntry[];
  min: number;
  max: number;
  yFormat: (value: number) => string;
  yLabel?: string | undefined;
  xLabel?: string | undefined;
  ticks?: (room: number) => number;
}): { plot: PlotArea; header: string; yScale: LinearScale } {
  const ticks = options.ticks ?? ((room: number) => room);
  const probe = createLinearScale({
    min: options.min,
    max: options.max,
    range: [0, 1],
    tickCount: ticks((options.height - 110) / 45),
  });
  const { plot, header } = layoutPlot({
    width: options.width,
    height: options.height,
    title: options.title,
    legend: options.legend,
    yTickLabels: probe.ticks.map(options.yFormat),
    yLabel: options.yLabel,
    xLabel: options.xLabel,
  });
  const yScale = createLinearScale({
    min: options.min,
    max: options.max,
    range: [plot.y + plot.height, plot.y],
    tickCount: ticks(plot.height / 45),
  });
  return { plot, header, yScale };
}

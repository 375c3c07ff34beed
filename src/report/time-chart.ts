// A line chart over a run's time (x = seconds since start, over the whole run) as a ChartView, and the byte
// scaling memory charts need.
import { formatNumber, formatSeconds } from './charts/format.ts';
import { renderLineChart, type LineSeries } from './charts/line-chart.ts';
import { toChartView, type ChartView } from './chart-view.ts';

/** The size every report chart is drawn at; the page scales them down to fit. */
export const CHART_SIZE = { width: 640, height: 300 } as const;

/** What buildTimeChart draws; `emptyReason` is shown when no series has a value. */
export interface TimeChartSpec {
  id: string;
  title: string;
  yLabel: string;
  series: LineSeries[];
  emptyReason: string;
  xDomain: readonly [number, number];
  yFormat?: (value: number) => string;
  step?: boolean;
}

function isValue(y: number | undefined): boolean {
  return y !== undefined && Number.isFinite(y);
}

/** Whether any series has a value to draw. */
export function hasPoints(series: readonly LineSeries[]): boolean {
  return series.some((s) => s.points.some((p) => isValue(p.y)));
}

/** Draws a time chart; a series with no value at all is left out (it only clutters the legend) unless all are. */
export function buildTimeChart(spec: TimeChartSpec): ChartView {
  const drawn = spec.series.filter((s) => hasPoints([s]));
  const series = drawn.length > 0 ? drawn : spec.series;
  const svg = renderLineChart({
    id: spec.id,
    title: spec.title,
    xLabel: 'time since start',
    xFormat: formatSeconds,
    xDomain: spec.xDomain,
    yLabel: spec.yLabel,
    yMin: 0,
    series,
    ...(spec.yFormat ? { yFormat: spec.yFormat } : {}),
    ...(spec.step ? { step: true } : {}),
    ...CHART_SIZE,
  });
  return toChartView({ id: spec.id, title: spec.title, svg }, drawn.length > 0, spec.emptyReason);
}

const BYTE_UNITS: [string, number][] = [
  ['TiB', 2 ** 40],
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];

/** Series of bytes in the largest binary unit their values reach, so that the ticks are round (0, 5, 10 GiB). */
export function scaleBytes(series: readonly LineSeries[]): {
  series: LineSeries[];
  unit: string;
  format: (value: number) => string;
} {
  const max = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.y ?? 0)));
  const [unit, size] = BYTE_UNITS.find(([, bytes]) => max >= bytes) ?? ['B', 1];
  return {
    series: series.map((s) => ({
      name: s.name,
      points: s.points.map((p) => ({ x: p.x, y: p.y === undefined ? undefined : p.y / size })),
    })),
    unit,
    format: (value) => `${formatNumber(value)} ${unit}`,
  };
}

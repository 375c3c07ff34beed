// A chart as the templates receive it: prerendered SVG (already escaped) plus the sentences around it.

/** One chart on a page; `emptyReason` says why a chart has no data (its SVG then shows the placeholder). */
export interface ChartView {
  id: string;
  title: string;
  /** Safe markup from src/report/charts: the only strings the templates insert unescaped. */
  svg: string;
  emptyReason: string | null;
  /** A note on how to read the data (a sampled distribution, a short run). */
  caption: string | null;
  /** Spans the page's width (heatmaps). */
  wide: boolean;
}

/** Charts under one heading. */
export interface ChartGroup {
  id: string;
  title: string;
  charts: ChartView[];
}

/** Builds a ChartView; a chart with no data gets its reason (and no caption), one with data no reason. */
export function toChartView(
  chart: { id: string; title: string; svg: string },
  hasData: boolean,
  emptyReason: string,
  options: { caption?: string | undefined; wide?: boolean } = {},
): ChartView {
  return {
    id: chart.id,
    title: chart.title,
    svg: chart.svg,
    emptyReason: hasData ? null : emptyReason,
    caption: hasData ? (options.caption ?? null) : null,
    wide: options.wide ?? false,
  };
}

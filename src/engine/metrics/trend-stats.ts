import type { TrendSink } from './trend-sink.ts';

/** One column of summaryTrendStats: a fixed stat or a percentile in [0, 100]. */
export type TrendStat =
  | { readonly kind: 'avg' | 'min' | 'med' | 'max' | 'count' }
  | { readonly kind: 'percentile'; readonly percentile: number };

/** k6's default summaryTrendStats. */
export const DEFAULT_TREND_STATS: readonly string[] = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

const FIXED = new Set(['avg', 'min', 'med', 'max', 'count']);
const PERCENTILE = /^p\((.*)\)$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses "avg" | "min" | "med" | "max" | "count" | "p(N)" with 0 <= N <= 100 (k6 parsePercentile). */
export function parseTrendStat(stat: string): TrendStat {
  if (FIXED.has(stat)) return { kind: stat as 'avg' | 'min' | 'med' | 'max' | 'count' };
  const match = PERCENTILE.exec(stat);
  if (match === null) {
    throw new Error(`invalid trend stat '${stat}', use avg, min, med, max, count or p(N)`);
  }
  const text = match[1] ?? '';
  const percentile = Number(text);
  if (!DECIMAL.test(text) || percentile < 0 || percentile > 100) {
    throw new Error(`invalid percentile trend stat value '${stat}', provide a number between 0 and 100`);
  }
  return { kind: 'percentile', percentile };
}

/** The value of one stat over a trend sink (0 for every stat of an empty sink). */
export function resolveTrendStat(sink: TrendSink, stat: TrendStat): number {
  switch (stat.kind) {
    case 'avg':
      return sink.avg;
    case 'min':
      return sink.min;
    case 'med':
      return sink.med;
    case 'max':
      return sink.max;
    case 'count':
      return sink.count;
    case 'percentile':
      return sink.percentile(stat.percentile / 100);
  }
}

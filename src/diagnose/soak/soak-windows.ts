// A soak run cut into time windows over its steady span (the buckets at full concurrency, ramps left out):
// requests, failures, throughput and the median TPOT of each window.
import type { LoadAnalysis } from '../../results/run-analysis.ts';
import { percentile } from '../../util/percentile.ts';

/** Seconds since the run started: [startS, endS). */
export interface Span {
  readonly startS: number;
  readonly endS: number;
}

export interface SoakWindow extends Span {
  readonly requests: number;
  readonly failed: number;
  readonly requestsPerSecond: number;
  readonly outputTokensPerSecond: number;
  /** Median TPOT of the requests that finished in the window; undefined when none reported one. */
  readonly tpotP50Ms?: number;
}

/** The span of buckets at the run's highest VU count (the whole run when no bucket knows its VUs). */
export function findSteadySpan(analysis: Pick<LoadAnalysis, 'series'>): Span | undefined {
  const buckets = analysis.series;
  if (buckets.length === 0) return undefined;
  const peak = Math.max(...buckets.map((b) => b.activeVus ?? 0));
  const steady = peak > 0 ? buckets.filter((b) => b.activeVus === peak) : buckets;
  const first = steady[0];
  const last = steady.at(-1);
  if (!first || !last) return undefined;
  return { startS: first.t, endS: last.t + last.seconds };
}

/** Consecutive windows of `windowSeconds` over `span`; a remainder shorter than half a window joins the last. */
export function cutWindows(span: Span, windowSeconds: number): Span[] {
  const spans: Span[] = [];
  for (let start = span.startS; start < span.endS; start += windowSeconds)
    spans.push({ startS: start, endS: Math.min(span.endS, start + windowSeconds) });
  const last = spans.at(-1);
  const before = spans.at(-2);
  if (last && before && last.endS - last.startS < windowSeconds / 2) {
    spans.splice(-2, 2, { startS: before.startS, endS: last.endS });
  }
  return spans;
}

/** Each window's figures, from the run's one-second buckets and its per-request records. */
export function measureWindows(
  analysis: Pick<LoadAnalysis, 'series' | 'requests' | 'meta'>,
  spans: readonly Span[],
): SoakWindow[] {
  const startMs = Date.parse(analysis.meta.startedAt);
  return spans.map((span) => {
    const inside = analysis.series.filter((b) => b.t >= span.startS && b.t < span.endS);
    const seconds = inside.reduce((s, b) => s + b.seconds, 0);
    const requests = inside.reduce((s, b) => s + b.requests, 0);
    const outputTokens = inside.reduce((s, b) => s + b.outputTokensPerSecond * b.seconds, 0);
    const tpots = analysis.requests.records
      .filter((r) => {
        const s = (r.endMs - startMs) / 1000;
        return !r.failed && r.tpotMs !== undefined && s >= span.startS && s < span.endS;
      })
      .map((r) => r.tpotMs ?? 0);
    const tpotP50Ms = percentile(tpots, 50);
    return {
      ...span,
      requests,
      failed: inside.reduce((s, b) => s + b.failed, 0),
      requestsPerSecond: seconds > 0 ? requests / seconds : 0,
      outputTokensPerSecond: seconds > 0 ? outputTokens / seconds : 0,
      ...(tpotP50Ms === undefined ? {} : { tpotP50Ms }),
    };
  });
}

// The drift detector: output throughput and median TPOT in the first window against the last one.
import type { SoakWindow } from './soak-windows.ts';
import type { SoakThresholds } from './soak-thresholds.ts';
import { computeRelativeChange } from './trend.ts';

export interface DriftVerdict {
  readonly verdict: 'steady' | 'drift' | 'not judged';
  readonly reason: string;
  /** Output tokens/s (or requests/s when no tokens were counted): first window, last window, change. */
  readonly throughput?: { unit: 'tok/s' | 'req/s'; first: number; last: number; change: number };
  /** Median TPOT, ms: first window, last window, change. */
  readonly tpot?: { first: number; last: number; change: number };
  readonly limits: { throughputDrop: number; tpotRise: number };
}

// Fewer requests than this in a window make its rate and median noise, not a measurement.
const MIN_REQUESTS = 5;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${pct(x)}`;

/** Compares the first and last of `windows`; fewer than two windows are not judged. */
export function judgeDrift(
  windows: readonly SoakWindow[],
  t: Pick<SoakThresholds, 'maxThroughputDrop' | 'maxTpotRise'>,
): DriftVerdict {
  const limits = { throughputDrop: t.maxThroughputDrop, tpotRise: t.maxTpotRise };
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last || windows.length < 2)
    return { verdict: 'not judged', reason: `${windows.length} window(s): nothing to compare`, limits };
  if (first.requests < MIN_REQUESTS || last.requests < MIN_REQUESTS)
    return {
      verdict: 'not judged',
      reason: `the first and last windows finished ${first.requests} and ${last.requests} requests: under ${MIN_REQUESTS}, too few to compare`,
      limits,
    };
  const byTokens = first.outputTokensPerSecond > 0;
  const unit = byTokens ? ('tok/s' as const) : ('req/s' as const);
  const rate = (w: SoakWindow): number => (byTokens ? w.outputTokensPerSecond : w.requestsPerSecond);
  const throughputChange = computeRelativeChange(rate(first), rate(last));
  const tpotChange = computeRelativeChange(first.tpotP50Ms, last.tpotP50Ms);
  const throughput =
    throughputChange === undefined
      ? undefined
      : { unit, first: rate(first), last: rate(last), change: throughputChange };
  const tpot =
    tpotChange === undefined || first.tpotP50Ms === undefined || last.tpotP50Ms === undefined
      ? undefined
      : { first: first.tpotP50Ms, last: last.tpotP50Ms, change: tpotChange };
  const figures = { ...(throughput ? { throughput } : {}), ...(tpot ? { tpot } : {}), limits };
  if (!throughput && !tpot)
    return { verdict: 'not judged', reason: 'the first window produced nothing to compare with', ...figures };
  const found: string[] = [];
  const seen: string[] = [];
  if (throughput) {
    const text = `${unit} ${throughput.first.toFixed(1)} -> ${throughput.last.toFixed(1)} (${signed(throughput.change)})`;
    (throughput.change <= -limits.throughputDrop ? found : seen).push(text);
  }
  if (tpot) {
    const text = `TPOT p50 ${tpot.first.toFixed(1)} -> ${tpot.last.toFixed(1)} ms (${signed(tpot.change)})`;
    (tpot.change >= limits.tpotRise ? found : seen).push(text);
  }
  const bounds = `limits: throughput -${pct(limits.throughputDrop)}, TPOT +${pct(limits.tpotRise)}`;
  const span = `first vs last of ${windows.length} windows`;
  return found.length > 0
    ? { verdict: 'drift', reason: `${found.join('; ')} (${span}; ${bounds})`, ...figures }
    : { verdict: 'steady', reason: `${seen.join('; ')} (${span}; ${bounds})`, ...figures };
}

// A step's figures over its judged window only (requests that finished inside it), so the ramp at its start
// and the requests cut off at its end bias neither throughput nor latency: in a steady state, requests
// finish at the rate they arrive.
import type { RequestRecord } from '../results/run-series.ts';
import { computeGoodput, type GoodputSlo } from '../results/goodput.ts';
import { percentile } from '../util/percentile.ts';

export interface WindowMetrics {
  seconds: number;
  /** Requests that finished in the window, and the failed ones among them. */
  requests: number;
  failed: number;
  /** Finished requests per second. */
  throughput: number;
  /** Successful requests meeting every SLO target, per second (vLLM's goodput). */
  goodput: number;
  errorShare: number;
  outputTokensPerSecond: number;
  ttftP95?: number;
  tpotP95?: number;
  e2eP95?: number;
  e2eMean?: number;
  /** Mean requests in flight by Little's law: throughput x mean E2E. */
  inFlight?: number;
}

function defined(values: (number | undefined)[]): number[] {
  return values.filter((v): v is number => v !== undefined && Number.isFinite(v));
}

/** The figures of the requests in `records` that finished in [startMs, endMs). */
export function computeWindowMetrics(
  records: readonly RequestRecord[],
  startMs: number,
  endMs: number,
  slo: GoodputSlo,
): WindowMetrics {
  const seconds = Math.max(0, (endMs - startMs) / 1000);
  const inside = records.filter((r) => r.endMs >= startMs && r.endMs < endMs);
  const ok = inside.filter((r) => !r.failed);
  const failed = inside.length - ok.length;
  const per = (n: number): number => (seconds > 0 ? n / seconds : 0);
  const e2e = defined(ok.map((r) => r.e2eMs));
  const e2eMean = e2e.length > 0 ? e2e.reduce((a, b) => a + b, 0) / e2e.length : undefined;
  const throughput = per(inside.length);
  const figures: Record<string, number | undefined> = {
    ttftP95: percentile(defined(ok.map((r) => r.ttftMs)), 95),
    tpotP95: percentile(defined(ok.map((r) => r.tpotMs)), 95),
    e2eP95: percentile(e2e, 95),
    e2eMean,
    inFlight: e2eMean === undefined ? undefined : (per(ok.length) * e2eMean) / 1000,
  };
  return {
    seconds,
    requests: inside.length,
    failed,
    throughput,
    goodput: goodputOf(inside, slo, seconds, ok.length),
    errorShare: inside.length > 0 ? failed / inside.length : 0,
    outputTokensPerSecond: per(ok.reduce((sum, r) => sum + (r.outputTokens ?? 0), 0)),
    ...(Object.fromEntries(
      Object.entries(figures).filter(([, v]) => v !== undefined),
    ) as Partial<WindowMetrics>),
  };
}

/** Goodput as make compare counts it; with no latency target left to check, every success counts. */
function goodputOf(records: RequestRecord[], slo: GoodputSlo, seconds: number, succeeded: number): number {
  const goodput = computeGoodput({ records, unjoinable: 0 }, slo, seconds);
  if (goodput.reason === 'no-targets') return seconds > 0 ? succeeded / seconds : 0;
  return goodput.goodputPerSecond ?? 0;
}

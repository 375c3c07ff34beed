// The error-burst detector: runs of seconds in which most requests that finished failed, with their kinds.
import type { SeriesBucket } from '../../results/run-series.ts';
import type { SoakThresholds } from './soak-thresholds.ts';

export interface ErrorBurst {
  /** Seconds since the run started. */
  readonly startS: number;
  readonly endS: number;
  readonly failed: number;
  readonly requests: number;
  readonly kinds: Record<string, number>;
}

export interface ErrorBurstVerdict {
  readonly verdict: 'none' | 'bursts';
  readonly reason: string;
  readonly bursts: ErrorBurst[];
  /** Failed requests over the whole span, bursts or not. */
  readonly failed: number;
  readonly requests: number;
  readonly limits: { errorShare: number; minErrors: number };
}

/** Finds the bursts in `buckets` (in time order); a second that finished nothing neither opens nor ends one. */
export function findErrorBursts(
  buckets: readonly SeriesBucket[],
  t: Pick<SoakThresholds, 'burstErrorShare' | 'burstMinErrors'>,
): ErrorBurstVerdict {
  const limits = { errorShare: t.burstErrorShare, minErrors: t.burstMinErrors };
  const bursts: ErrorBurst[] = [];
  let open:
    | { startS: number; endS: number; failed: number; requests: number; kinds: Record<string, number> }
    | undefined;
  const close = (): void => {
    if (open && open.failed >= limits.minErrors) bursts.push(open);
    open = undefined;
  };
  for (const b of buckets) {
    if (b.requests === 0) continue;
    if (b.failed / b.requests < limits.errorShare || b.failed === 0) {
      close();
      continue;
    }
    open ??= { startS: b.t, endS: b.t, failed: 0, requests: 0, kinds: {} };
    open.endS = b.t + b.seconds;
    open.failed += b.failed;
    open.requests += b.requests;
    for (const [kind, n] of Object.entries(b.errorsByKind)) open.kinds[kind] = (open.kinds[kind] ?? 0) + n;
  }
  close();
  const failed = buckets.reduce((s, b) => s + b.failed, 0);
  const requests = buckets.reduce((s, b) => s + b.requests, 0);
  const rule = `a burst: seconds with >= ${(limits.errorShare * 100).toFixed(0)}% failed, >= ${limits.minErrors} failures`;
  if (bursts.length === 0)
    return {
      verdict: 'none',
      reason: `${failed} of ${requests} requests failed, no burst (${rule})`,
      bursts,
      failed,
      requests,
      limits,
    };
  const listed = bursts
    .map((b) => {
      const kinds = Object.entries(b.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return `${b.failed} of ${b.requests} failed at ${b.startS.toFixed(0)}-${b.endS.toFixed(0)} s${kinds ? ` (${kinds})` : ''}`;
    })
    .join('; ');
  return {
    verdict: 'bursts',
    reason: `${bursts.length} burst(s): ${listed} (${rule})`,
    bursts,
    failed,
    requests,
    limits,
  };
}

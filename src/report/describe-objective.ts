// The objective and goodput as sentences, for every report: what "best" and "good" meant for these numbers.
import type { GoodputResult, GoodputSlo, SloTarget } from '../results/goodput.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import { formatDurationMs } from './charts/format.ts';
import { formatCount, formatQuantity, formatRequestsPerSecond, formatShare } from './format-values.ts';

const TARGET_NAMES: Record<SloTarget, string> = { ttftMs: 'TTFT', tpotMs: 'TPOT', e2eMs: 'E2E' };

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The goodput targets: "TTFT ≤ 2 s, TPOT ≤ 100 ms and E2E ≤ 10 s". */
export function describeSlo(slo: GoodputSlo): string {
  const parts = (Object.keys(TARGET_NAMES) as SloTarget[]).flatMap((target) => {
    const limit = slo[target];
    return limit === undefined ? [] : [`${TARGET_NAMES[target]} ≤ ${formatDurationMs(limit)}`];
  });
  return parts.length > 0 ? joinAnd(parts) : 'no latency target';
}

/** What the best run is: "the most output tokens/s with p95 E2E ≤ 10 s and errors ≤ 1%". */
export function describeObjective(objective: RunObjective): string {
  return `the most output tokens/s with ${describeBudgets(objective)}`;
}

/** The objective's limits: "p95 E2E ≤ 10 s, p95 TTFT ≤ 2 s and errors ≤ 1%". */
export function describeBudgets(objective: RunObjective): string {
  const p95 = (name: string, ms: number | undefined): string[] =>
    ms === undefined ? [] : [`p95 ${name} ≤ ${formatDurationMs(ms)}`];
  return joinAnd([
    ...p95('E2E', objective.e2eP95BudgetMs),
    ...p95('TTFT', objective.ttftP95BudgetMs),
    ...p95('TPOT', objective.tpotP95BudgetMs),
    `errors ≤ ${formatShare(objective.maxErrorShare)}`,
  ]);
}

/** Goodput as one sentence, or why it has no value. */
export function describeGoodput(goodput: GoodputResult): string {
  const slo = describeSlo(goodput.slo);
  if (goodput.reason === 'unjoinable') {
    return `not computed: ${formatQuantity(goodput.unjoinable, 'request')} without a request_id, so latencies cannot be joined per request`;
  }
  if (goodput.reason === 'no-requests') return 'not computed: no request finished';
  if (goodput.reason === 'no-targets') {
    return `not computed: no successful request measured any of ${slo}`;
  }
  const rate = formatRequestsPerSecond(goodput.goodputPerSecond);
  const ignored =
    goodput.ignoredTargets.length > 0
      ? `; ${joinAnd(goodput.ignoredTargets.map((t) => TARGET_NAMES[t]))} not checked (no request measured it)`
      : '';
  return `${rate}: ${formatCount(goodput.met)} of ${formatCount(goodput.total)} requests (${formatShare(goodput.share)}) met ${slo}${ignored}`;
}

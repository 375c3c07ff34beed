// Whether a step's load is sustainable under the objective, and whether the server broke under it.
import { latencyOverBudget, type RunObjective } from '../results/objective-defaults.ts';
import { formatDurationMs } from '../report/charts/format.ts';
import { percentText as pct } from '../util/percent-text.ts';
import { formatRate } from './format-rate.ts';
import { DEFAULT_STEADINESS, isRising, type Steadiness, type SteadinessRule } from './steadiness.ts';
import type { StepJudgement, StepLoad } from './types.ts';
import type { WindowMetrics } from './window-metrics.ts';

/** Goodput must keep at least this share of the offered rate. */
export const GOODPUT_SHARE = 0.95;
// Dropped iterations above this share of the offered requests: the queue outgrew the generator's VUs.
const DROPPED_SHARE = 0.01;

export interface StepFacts {
  load: StepLoad;
  window: WindowMetrics;
  steadiness?: Steadiness | undefined;
  dropped: number;
}

export function judgeStep(
  facts: StepFacts,
  objective: RunObjective,
  rule: Readonly<SteadinessRule> = DEFAULT_STEADINESS,
): StepJudgement {
  const { load, window: w, steadiness, dropped } = facts;
  const misses: string[] = [];
  let broke: string | undefined;
  if (w.requests === 0) {
    broke = 'no request finished in the judged window';
    return { sustainable: false, misses: [broke], broke };
  }
  if (w.errorShare > objective.maxErrorShare) {
    broke = `errors ${pct(w.errorShare)} over the ${pct(objective.maxErrorShare)} limit`;
    misses.push(broke);
  }
  if (steadiness?.state === 'runaway') {
    broke ??= steadiness.why;
    misses.push(steadiness.why);
  } else {
    // A queue still growing at the cap: the rate would not hold for longer than the step.
    const rising = [
      ['TTFT', steadiness?.ttft, rule.minTtftRiseMs],
      ['requests in flight', steadiness?.inFlight, rule.minInFlightRise],
    ] as const;
    for (const [name, trend, floor] of rising) {
      if (trend && isRising(trend, rule.trendShare, floor))
        misses.push(`${name} still rising ${pct(trend.rise)} at the end of the step`);
    }
  }
  if (load.rate !== undefined) {
    const offered = load.rate * w.seconds;
    if (dropped > DROPPED_SHARE * offered) {
      const why = `${dropped} arrivals dropped: every VU was busy, the queue outgrew the generator`;
      broke ??= why;
      misses.push(why);
    }
    if (w.goodput < GOODPUT_SHARE * load.rate)
      misses.push(
        `goodput ${formatRate(w.goodput)} is under ${pct(GOODPUT_SHARE)} of the ${formatRate(load.rate)} offered`,
      );
  }
  if (w.e2eP95 !== undefined && w.e2eP95 > objective.e2eP95BudgetMs)
    misses.push(`p95 E2E ${formatDurationMs(w.e2eP95)} over ${formatDurationMs(objective.e2eP95BudgetMs)}`);
  for (const over of latencyOverBudget(objective, w))
    misses.push(`p95 ${over.metric} ${formatDurationMs(over.p95Ms)} over ${formatDurationMs(over.budgetMs)}`);
  return { sustainable: misses.length === 0, misses, ...(broke ? { broke } : {}) };
}

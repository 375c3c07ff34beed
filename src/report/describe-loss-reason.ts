// Why a run is not the best one, as a sentence.
import type { LossReason } from '../results/compare-runs.ts';
import { formatDurationMs, formatTokensPerSecond } from './charts/format.ts';
import { formatShare } from './format-values.ts';

const MISSING_NAMES = {
  e2eP95Ms: 'p95 E2E',
  errorShare: 'error share',
  outputTokensPerSecond: 'output tok/s',
} as const;

/** One reason a run lost, e.g. "p95 E2E 12.5 s is over the 10 s budget". */
export function describeLossReason(reason: LossReason, bestLabel: string | undefined): string {
  switch (reason.kind) {
    case 'over-budget':
      return `p95 E2E ${formatDurationMs(reason.e2eP95Ms)} is over the ${formatDurationMs(reason.budgetMs)} budget`;
    case 'over-latency':
      return `p95 ${reason.metric} ${formatDurationMs(reason.p95Ms)} is over the ${formatDurationMs(reason.budgetMs)} budget`;
    case 'too-many-errors':
      return `errors ${formatShare(reason.errorShare)} are over the ${formatShare(reason.maxErrorShare)} limit`;
    case 'lower-throughput':
      return `${formatTokensPerSecond(reason.outputTokensPerSecond)} output, less than the ${formatTokensPerSecond(reason.bestOutputTokensPerSecond)} of ${bestLabel ?? 'the best run'}`;
    case 'no-data':
      return `no ${reason.missing.map((m) => MISSING_NAMES[m]).join(', ')} measured`;
  }
}

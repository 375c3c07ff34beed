// The campaign's sentences, shared by summary.md and campaign.html: what is partial, why a cell lost, what the
// fits say. Formatting only; the numbers come from src/campaign/analysis.
import type { CellSummary } from '../../campaign/analysis/cell-summaries.ts';
import type { Interval } from '../../campaign/analysis/bootstrap-interval.ts';
import type { CellLoss } from '../../campaign/analysis/rank-cells.ts';
import type { ScalingAnalysis } from '../../campaign/analysis/scaling-analysis.ts';
import type { CampaignRecord } from '../../campaign/types.ts';
import { formatDurationMs, formatNumber, formatTokensPerSecond } from '../charts/format.ts';
import { describeLossReason } from '../describe-loss-reason.ts';
import { formatOptional, formatQuantity, formatRequestsPerSecond, formatShare } from '../format-values.ts';

/** Why a configuration does not rank, e.g. "a repetition failed (failed)" or compare's sentence. */
export function describeCellLoss(reason: CellLoss): string {
  if (reason.kind === 'failed-outcome') {
    return `${formatQuantity(reason.outcomes.length, 'repetition')} did not serve the load (${reason.outcomes.join(', ')})`;
  }
  return describeLossReason(reason, undefined);
}

/** What a partial campaign holds, or undefined when every cell ran. */
export function describePartial(record: CampaignRecord): string | undefined {
  if (!record.partial) return undefined;
  const planned = record.cells.length - record.skipped.length;
  return `Partial campaign: ${formatQuantity(record.results.length, 'cell')} of ${formatNumber(planned)} ran; the figures hold only what was measured, and the same command resumes at the first missing cell.`;
}

/** The figures that made a configuration rank: "812 tok/s, p95 E2E 1.9 s, errors 0%, goodput 3.1 req/s". */
export function describeCellFigures(cell: CellSummary): string {
  return [
    formatTokensPerSecond(cell.outputTokensPerSecond),
    `p95 E2E ${formatOptional(cell.e2eP95, formatDurationMs)}`,
    `errors ${formatShare(cell.errorShare)}`,
    `goodput ${formatRequestsPerSecond(cell.goodputPerSecond)}`,
    formatQuantity(cell.results.length, 'repetition'),
  ].join(', ');
}

function withInterval(value: number, interval: Interval | undefined): string {
  if (!interval) return formatNumber(value);
  return `${formatNumber(value)} (${Math.round(interval.level * 100)}% CI ${formatNumber(interval.low)} to ${formatNumber(interval.high)})`;
}

/** Amdahl's fit as a sentence, or why there is none. */
export function describeAmdahl(scaling: ScalingAnalysis): string {
  const result = scaling.amdahl;
  if (!result) return 'not fitted: fewer than 2 values served';
  return `sequential fraction s = ${withInterval(result.fit.s, result.s)}, X(1) = ${formatTokensPerSecond(result.fit.x1)}, RMSE ${formatTokensPerSecond(result.fit.rmse)}`;
}

/** The USL's fit as a sentence (its peak, and whether it explains a decline), or why there is none. */
export function describeUsl(scaling: ScalingAnalysis): string {
  const result = scaling.usl;
  if (!result) return 'not fitted: fewer than 3 values served';
  const { fit } = result;
  const peak =
    fit.peakN === undefined
      ? 'no peak (κ = 0: throughput keeps rising)'
      : `peak at ${scaling.factor} = ${formatNumber(fit.peakN)}`;
  const decline = scaling.declineExplained ? '; the decline past it is coherency (κ > 0)' : '';
  return `contention σ = ${withInterval(fit.sigma, result.sigma)}, coherency κ = ${withInterval(fit.kappa, result.kappa)}, ${peak}${decline}, RMSE ${formatTokensPerSecond(fit.rmse)}`;
}

/** Where X(1) of the efficiency comes from. */
export function describeBaseline(scaling: ScalingAnalysis): string {
  const baseline = scaling.baseline;
  if (!baseline) return 'no X(1): efficiency not computed';
  const source =
    baseline.source === 'measured' ? `measured at ${scaling.factor} = 1` : "Amdahl's fitted X(1)";
  return `efficiency X(N) / (N X(1)) against X(1) = ${formatTokensPerSecond(baseline.value)}, ${source}`;
}

/** What the scaling numbers are. */
export const SCALING_BASIS =
  'Throughput at each value is the output tok/s of the best configuration served there (best load level, best other server factors), the mean of its repetitions; every repetition is one observation of the fits, and the intervals are a seeded bootstrap over them.';

// The best cell and the top 5 under the campaign's objective (make compare's syntax and rules: the most output
// tokens/s with p95 E2E within budget and errors within limit). A configuration that did not serve its load in
// every repetition, or misses the objective, or lacks a figure the objective needs, never ranks.
import type { LossReason } from '../../results/compare-runs.ts';
import {
  DEFAULT_OBJECTIVE,
  latencyOverBudget,
  parseObjective,
  type RunObjective,
} from '../../results/objective-defaults.ts';
import type { CampaignRecord } from '../types.ts';
import type { CellSummary } from './cell-summaries.ts';

/** Why a configuration does not rank: compare's reasons, plus repetitions that did not serve their load. */
export type CellLoss = LossReason | { kind: 'failed-outcome'; outcomes: string[] };

/** A configuration judged: qualifying ones have no reasons. */
export interface JudgedCell {
  summary: CellSummary;
  reasons: CellLoss[];
}

/** The ranking: qualifying configurations best first (top is the first five), the others with their reasons. */
export interface CellRanking {
  objective: RunObjective;
  ranked: CellSummary[];
  top: CellSummary[];
  best?: CellSummary;
  rejected: JudgedCell[];
}

/** How many configurations the top table holds. */
export const TOP_COUNT = 5;

/** The record's objective parsed as make compare parses it (the defaults when it has none). */
export function readObjective(record: Pick<CampaignRecord, 'objective'>): RunObjective {
  return record.objective ? parseObjective(record.objective) : { ...DEFAULT_OBJECTIVE };
}

/** Why a configuration fails the objective; empty when it qualifies. */
export function judgeCell(summary: CellSummary, objective: RunObjective): CellLoss[] {
  const reasons: CellLoss[] = [];
  if (summary.failedOutcomes.length > 0)
    reasons.push({ kind: 'failed-outcome', outcomes: summary.failedOutcomes });
  const missing = (
    [
      ['e2eP95Ms', summary.e2eP95],
      ['errorShare', summary.errorShare],
    ] as const
  ).flatMap(([name, value]) => (value === undefined ? [name] : []));
  if (missing.length > 0) reasons.push({ kind: 'no-data', missing });
  if (summary.e2eP95 !== undefined && summary.e2eP95 > objective.e2eP95BudgetMs) {
    reasons.push({ kind: 'over-budget', e2eP95Ms: summary.e2eP95, budgetMs: objective.e2eP95BudgetMs });
  }
  for (const over of latencyOverBudget(objective, summary)) reasons.push({ kind: 'over-latency', ...over });
  if (summary.errorShare !== undefined && summary.errorShare > objective.maxErrorShare) {
    reasons.push({
      kind: 'too-many-errors',
      errorShare: summary.errorShare,
      maxErrorShare: objective.maxErrorShare,
    });
  }
  return reasons;
}

/**
 * Orders qualifying configurations, best first: more output tok/s; on a tie lower p95 E2E, then more goodput,
 * then fewer errors, then the key (s00-l00 before s00-l01), so that the order never depends on input order.
 */
export function compareCells(a: CellSummary, b: CellSummary): number {
  return (
    b.outputTokensPerSecond - a.outputTokensPerSecond ||
    (a.e2eP95 ?? Infinity) - (b.e2eP95 ?? Infinity) ||
    (b.goodputPerSecond ?? -1) - (a.goodputPerSecond ?? -1) ||
    (a.errorShare ?? 1) - (b.errorShare ?? 1) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Judges every configuration under the objective and ranks the qualifying ones. */
export function rankCells(summaries: readonly CellSummary[], objective: RunObjective): CellRanking {
  const judged = summaries.map((summary) => ({ summary, reasons: judgeCell(summary, objective) }));
  const ranked = judged
    .filter((j) => j.reasons.length === 0)
    .map((j) => j.summary)
    .sort(compareCells);
  const best = ranked[0];
  return {
    objective,
    ranked,
    top: ranked.slice(0, TOP_COUNT),
    ...(best ? { best } : {}),
    rejected: judged.filter((j) => j.reasons.length > 0),
  };
}

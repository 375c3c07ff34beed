// The best cell so far for the live progress line: the most output tokens/s among cells that passed and meet
// the objective's p95 E2E budget and error limit. The campaign's report judges the final best cell.
import { DEFAULT_OBJECTIVE, type RunObjective } from '../results/objective-defaults.ts';
import type { CellResult } from './types.ts';

const COUNTS = new Set(['passed', 'thresholds_failed']);

/** The best result under `objective`, or undefined when none qualifies. */
export function pickBestSoFar(
  results: readonly CellResult[],
  objective: RunObjective = DEFAULT_OBJECTIVE,
): CellResult | undefined {
  let best: CellResult | undefined;
  for (const result of results) {
    const m = result.metrics;
    if (!COUNTS.has(result.outcome) || m.requests === 0) continue;
    if (m.e2eP95 === undefined || m.e2eP95 > objective.e2eP95BudgetMs) continue;
    if (m.failed / m.requests > objective.maxErrorShare) continue;
    if (!best || m.outputTokensPerSecond > best.metrics.outputTokensPerSecond) best = result;
  }
  return best;
}

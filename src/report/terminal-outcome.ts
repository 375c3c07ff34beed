// The run's outcome as the terminal's last words: the status, why, and each threshold with "no data" apart.
import type { RunOutcome } from '../results/run-outcome.ts';
import { outcomeLabel } from './outcome-text.ts';

const MARK = { passed: '✓', failed: '✗', 'no data': '?' } as const;

/** Thresholds, then `outcome  STATUS (exit N)` with its reasons indented under it. */
export function renderTerminalOutcome(outcome: RunOutcome): string {
  const lines: string[] = [];
  if (outcome.thresholds.length > 0) {
    lines.push('thresholds');
    for (const t of outcome.thresholds)
      lines.push(
        `  ${MARK[t.result]} ${t.metric} ${t.expression}${t.result === 'no data' ? '  (no data: no sample to judge)' : ''}`,
      );
    lines.push('');
  }
  lines.push(`outcome    ${outcomeLabel(outcome.status, outcome.exitCode)}`);
  for (const reason of outcome.reasons) lines.push(`           ${reason}`);
  return lines.join('\n');
}

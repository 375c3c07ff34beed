// How a run's outcome reads wherever it is shown (terminal, runs table, report title, comparison).

/** `passed`, `FAILED (exit 98)`, `thresholds failed (exit 99)`, `interrupted (partial)`, `ERROR (exit 107)`. */
export function outcomeLabel(status: string, exitCode: number | undefined): string {
  switch (status) {
    case 'passed':
      return 'passed';
    case 'interrupted':
      return 'interrupted (partial)';
    case 'thresholds_failed':
      return `thresholds failed (exit ${exitCode ?? 99})`;
    default:
      return `${status.toUpperCase()} (exit ${exitCode ?? '?'})`;
  }
}

/** The tone a report gives the outcome. */
export function outcomeTone(status: string): 'good' | 'bad' | 'warn' {
  return status === 'passed' ? 'good' : status === 'interrupted' ? 'warn' : 'bad';
}

// The whole test's result: per-batch figures and verdicts, as written to batch-summary.json and printed.
import type { BatchStats } from './batch-stats.ts';
import type { StabilityThresholds, StabilityVerdicts } from './stability-verdicts.ts';

export interface BatchSummary {
  readonly dir: string;
  readonly input: string;
  readonly target: string;
  readonly mode: 'client' | 'api';
  readonly serverPid: number | undefined;
  readonly thresholds: StabilityThresholds;
  readonly batches: readonly Omit<BatchStats, 'samples'>[];
  readonly verdicts: StabilityVerdicts;
  /** Why the test failed (exit 98); empty when it passed. */
  readonly failures: readonly string[];
}

/** Failed requests and a leak fail the test; degrading throughput and reloads are reported, not failed. */
export function listFailures(verdicts: StabilityVerdicts): string[] {
  const failures: string[] = [];
  if (verdicts.success.verdict === 'failures') failures.push(verdicts.success.reason);
  if (verdicts.memory.verdict === 'leak') failures.push(`memory leak: ${verdicts.memory.reason}`);
  return failures;
}

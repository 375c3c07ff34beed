// Finish: handleSummary or the text summary, --summary-export, and the run's result.
import type { ExecutionOutcome } from './execute-run.ts';
import type { InitializedRun } from './init-run.ts';
import type { RunPlan } from './plan-run.ts';
import type { RunTestResult } from './run-result.ts';
import { parseSetupData } from './setup-teardown.ts';
import { writeSummaries } from './write-summaries.ts';

/** Writes the summaries of what was measured; the outputs are closed by the run's cleanup right after. */
export async function finishRun(
  { run, main }: InitializedRun,
  plan: RunPlan,
  outcome: ExecutionOutcome,
): Promise<RunTestResult> {
  const { options } = run;
  const trendStats = options.summaryTrendStats ?? scriptTrendStats(run.scriptOptions['summaryTrendStats']);
  const summary = await writeSummaries({
    main,
    registry: run.registry,
    groups: run.groups,
    ...(plan.thresholds ? { thresholds: plan.thresholds } : {}),
    testRunDurationMs: run.elapsedMs(),
    ...(trendStats ? { summaryTrendStats: trendStats } : {}),
    setupData: parseSetupData(outcome.setupJson),
    ...(options.summaryExport ? { summaryExport: options.summaryExport } : {}),
    quiet: options.quiet ?? false,
    noSummary: options.noSummary ?? false,
    stdout: options.stdout ?? process.stdout,
    log: run.log,
  });
  const reason = run.control.reason;
  const { iterationsInterrupted, iterationsCompleted } = run.observer.instance(run.elapsedMs());
  return {
    exitCode: outcome.exitCode,
    summary,
    iterationsInterrupted,
    iterationsCompleted,
    ...(reason ? { reason } : {}),
  };
}

function scriptTrendStats(stats: unknown): string[] | undefined {
  return Array.isArray(stats) && stats.every((x) => typeof x === 'string') ? (stats as string[]) : undefined;
}

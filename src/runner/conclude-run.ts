// The end of a run, whatever ran it: summary.json read back, the raw metrics scanned once, the outcome computed
// from what was measured, and meta.json completed. A run of the runner and a run collected from a cluster's parts
// (k8s collect) end here alike.
import { rmSync } from 'node:fs';
import { writeRunMeta, type RunMeta } from '../results/run-store.ts';
import { RUN_FILES, type RunFiles } from '../results/run-files.ts';
import { loadSummaryExport } from '../results/summary-export.ts';
import { describeMetricsDamage } from '../results/describe-metrics-damage.ts';
import { describeDamage, DamagedRunFileError } from '../results/damaged-run-file.ts';
import { summarizeExport, type LlmRunSummary } from '../results/llm-summary.ts';
import { scanRunMetrics, type RunMetricScan } from '../results/scan-run-metrics.ts';
import { computeOutcome, type OutcomeLimits, type RunOutcome } from '../results/run-outcome.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { Interrupted } from './interrupts.ts';
import type { EngineRunResult } from './engine.ts';

/** A finished run: its folder, meta.json as written, and the analysis every reader shares. */
export interface RunProfileResult {
  meta: RunMeta;
  dir: string;
  /** The run folder as read so far: verdicts and reports given it read no file twice. */
  files: RunFiles;
  outcome: RunOutcome;
  /** The LLM view of summary.json; undefined when the engine wrote none. */
  summary: LlmRunSummary | undefined;
  scan: RunMetricScan | undefined;
}

export interface ConcludeRunInput {
  dir: string;
  /** As written at the start; completed here. */
  meta: RunMeta;
  files: RunFiles;
  result: EngineRunResult;
  log: (line: string) => void;
  limits?: OutcomeLimits;
  /** The signal that interrupted the run (Ctrl-C). */
  interruptedBy?: string;
  /** Why the caller ended the run on purpose before its profile's end. */
  endedEarly?: string;
  /** When the load ended (ISO); default now. */
  endedAt?: string;
}

/** Completes meta.json from what the run measured; an interrupted run that finished no request leaves no folder. */
export async function concludeRun(input: ConcludeRunInput): Promise<RunProfileResult> {
  const { dir, meta, files, log, interruptedBy, endedEarly } = input;
  let result = input.result;
  meta.endedAt = input.endedAt ?? new Date().toISOString();
  const seconds = (Date.parse(meta.endedAt) - Date.parse(meta.startedAt)) / 1000;
  const summary = readSummary(files, seconds, log);
  const scan = files.has('metrics')
    ? await scanRunMetrics(files, summary?.thresholds.map((t) => t.metric) ?? [])
    : undefined;
  const damage =
    scan &&
    describeMetricsDamage(files.path('metrics'), RUN_FILES.metrics, scan.stats, Date.parse(meta.startedAt));
  if (damage) log(`warning: ${describeDamage(damage)}`);
  // Ended on purpose: the engine's "interrupted" (105, as on Ctrl-C) is the end the caller asked for.
  if (endedEarly !== undefined && result.exitCode === EXIT_INTERRUPTED) {
    const { reason: _reason, ...rest } = result;
    result = { ...rest, exitCode: 0 };
  }
  const outcome = computeOutcome({
    engineExitCode: result.exitCode,
    ...(result.reason ? { engineReason: result.reason } : {}),
    ...(interruptedBy ? { interruptedBy } : {}),
    requests: summary?.requests ?? 0,
    failed: summary?.failed ?? 0,
    errorKinds: scan?.errorCounts ?? {},
    ...(result.iterationsCompleted === undefined ? {} : { iterationsComplete: result.iterationsCompleted }),
    ...(result.iterationsInterrupted === undefined
      ? {}
      : { iterationsInterrupted: result.iterationsInterrupted }),
    thresholds: (summary?.thresholds ?? []).map((t) => ({
      ...t,
      samples: scan?.samples[t.metric] ?? (scan ? 0 : undefined),
    })),
    ...(input.limits ? { limits: input.limits } : {}),
  });
  if (interruptedBy && (summary?.requests ?? 0) === 0) {
    // Nothing finished before the interrupt: a folder would only be a junk run that becomes `latest`.
    rmSync(dir, { recursive: true, force: true });
    throw new Interrupted(interruptedBy, result.iterationsInterrupted);
  }
  meta.exitCode = outcome.exitCode;
  meta.engineExitCode = result.exitCode;
  meta.partial = interruptedBy !== undefined || result.exitCode === 255 || result.partial === true;
  if (result.distributed) meta.distributed = result.distributed;
  meta.outcome = { status: outcome.status, reasons: outcome.reasons };
  if (endedEarly !== undefined) meta.endedEarly = endedEarly;
  const reason = outcome.reasons[0] ?? result.reason;
  if (reason) meta.reason = reason;
  writeRunMeta(dir, meta);
  return { meta, dir, files, outcome, summary, scan };
}

/** summary.json's LLM view; undefined (and said) when the engine wrote none or it is damaged. */
function readSummary(
  files: RunFiles,
  seconds: number,
  log: (line: string) => void,
): LlmRunSummary | undefined {
  try {
    const exported = loadSummaryExport(files);
    return exported ? summarizeExport(exported, seconds) : undefined;
  } catch (error) {
    if (!(error instanceof DamagedRunFileError)) throw error;
    log(`warning: ${describeDamage(error.damage)}`);
    return undefined;
  }
}

// A run's outcome, computed from what was measured and never assumed: a run that served nothing, or whose errors
// or cut-off iterations cross a limit, failed, whatever its thresholds say (docs/reliability.md).
import { EXIT_INTERRUPTED, EXIT_SCRIPT_ABORTED, EXIT_THRESHOLDS_FAILED } from '../engine/exit-codes.ts';
import { percentText as percent } from '../util/percent-text.ts';

/** Not one of k6's codes: the run measured something, and it says the target did not serve the load. */
export const EXIT_RUN_FAILED = 98;

export type RunStatus = 'passed' | 'failed' | 'thresholds_failed' | 'interrupted' | 'error';

export interface ThresholdResult {
  metric: string;
  expression: string;
  /** 'no data': the metric got no sample, so the threshold proves nothing (k6 would call it passed). */
  result: 'passed' | 'failed' | 'no data';
}

export interface RunOutcome {
  status: RunStatus;
  exitCode: number;
  /** Why, one line each, most important first; empty for a clean pass. */
  reasons: string[];
  thresholds: ThresholdResult[];
}

export interface OutcomeLimits {
  /** Failed share of finished requests above which the run failed (0..1). */
  maxErrorShare: number;
  /** Share of iterations cut off mid-request above which the run failed (0..1). */
  maxInterruptedShare: number;
}

// A cut-off share from which a passing run says so.
const NOTE_CUT_SHARE = 0.25;

export const DEFAULT_OUTCOME_LIMITS: OutcomeLimits = { maxErrorShare: 0.5, maxInterruptedShare: 0.5 };

export interface OutcomeInputs {
  /** What the engine (embedded or k6) exited with, and why, when it said. */
  engineExitCode: number;
  engineReason?: string;
  /** The signal that interrupted the run (SIGINT, SIGTERM), if one did. */
  interruptedBy?: string;
  /** Finished LLM requests and how many of them failed. */
  requests: number;
  failed: number;
  /** The most frequent error kinds, for the reason line. */
  errorKinds: Record<string, number>;
  iterationsComplete?: number;
  /** Iterations hard-stopped mid-request (gracefulStop, ramp-down, abort); unknown on a real k6. */
  iterationsInterrupted?: number;
  thresholds: { metric: string; expression: string; ok: boolean; samples: number | undefined }[];
  limits?: OutcomeLimits;
}

function topKinds(kinds: Record<string, number>): string {
  const sorted = Object.entries(kinds).sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0) return '';
  return ` (${sorted
    .slice(0, 3)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')})`;
}

/** The outcome of a finished (or stopped) run from its measurements. */
export function computeOutcome(inputs: OutcomeInputs): RunOutcome {
  const limits = inputs.limits ?? DEFAULT_OUTCOME_LIMITS;
  const thresholds: ThresholdResult[] = inputs.thresholds.map((t) => ({
    metric: t.metric,
    expression: t.expression,
    result: t.samples === 0 ? 'no data' : t.ok ? 'passed' : 'failed',
  }));
  const reasons: string[] = [];
  const succeeded = inputs.requests - inputs.failed;
  const interrupted = inputs.iterationsInterrupted ?? 0;
  const iterations = (inputs.iterationsComplete ?? 0) + interrupted;

  // The engine's own reason comes first: a script that failed in its init code, or aborted, says why here,
  // before the "no request finished" that follows from it.
  const engineSays =
    inputs.engineReason !== undefined &&
    inputs.engineExitCode !== 0 &&
    inputs.engineExitCode !== EXIT_THRESHOLDS_FAILED;
  if (inputs.interruptedBy) reasons.push(`interrupted by ${inputs.interruptedBy}: the run is partial`);
  else if (engineSays && inputs.engineReason) reasons.push(inputs.engineReason);

  if (inputs.requests === 0) {
    reasons.push(
      interrupted > 0
        ? `no request finished: ${interrupted} iteration${interrupted === 1 ? ' was' : 's were'} cut off ` +
            'mid-request at the end (the server took the requests but never answered within the run)'
        : 'no request finished: nothing was measured',
    );
  } else if (succeeded === 0) {
    reasons.push(`no request succeeded: all ${inputs.requests} failed${topKinds(inputs.errorKinds)}`);
  } else if (inputs.failed / inputs.requests > limits.maxErrorShare) {
    reasons.push(
      `${percent(inputs.failed / inputs.requests)} of ${inputs.requests} requests failed${topKinds(inputs.errorKinds)}, ` +
        `above the run's limit of ${percent(limits.maxErrorShare)}`,
    );
  }
  const cutShare = iterations > 0 ? interrupted / iterations : 0;
  const cutOff = inputs.requests > 0 && cutShare > limits.maxInterruptedShare;
  if (cutOff) {
    reasons.push(
      `${interrupted} of ${iterations} iterations (${percent(cutShare)}) were cut off mid-request: ` +
        'requests take longer than the profile leaves them (raise TIME_SCALE or lower MAX_TOKENS)',
    );
  }
  const cutNote =
    !cutOff && inputs.requests > 0 && cutShare >= NOTE_CUT_SHARE
      ? `note: ${interrupted} of ${iterations} iterations (${percent(cutShare)}) were cut off mid-request; ` +
        'the latency figures describe only the requests that finished'
      : undefined;
  const servedNothing = reasons.some((r) => r.startsWith('no request') || r.includes('requests failed'));
  const failedThresholds = thresholds.filter((t) => t.result === 'failed');

  if (inputs.interruptedBy) return { status: 'interrupted', exitCode: EXIT_INTERRUPTED, reasons, thresholds };
  if (servedNothing || cutOff || inputs.engineExitCode === EXIT_SCRIPT_ABORTED) {
    if (inputs.engineExitCode === EXIT_SCRIPT_ABORTED && reasons.length === 0)
      reasons.push(inputs.engineReason ?? 'the script aborted the test');
    return { status: 'failed', exitCode: EXIT_RUN_FAILED, reasons, thresholds };
  }
  if (inputs.engineExitCode === EXIT_THRESHOLDS_FAILED || failedThresholds.length > 0) {
    reasons.push(
      `thresholds failed: ${failedThresholds.map((t) => `${t.metric} ${t.expression}`).join(', ') || 'see the summary'}`,
    );
    if (cutNote) reasons.push(cutNote);
    return { status: 'thresholds_failed', exitCode: EXIT_THRESHOLDS_FAILED, reasons, thresholds };
  }
  if (inputs.engineExitCode !== 0) {
    if (!engineSays) reasons.push(`the engine exited with code ${inputs.engineExitCode}`);
    return { status: 'error', exitCode: inputs.engineExitCode, reasons, thresholds };
  }
  if (cutNote) reasons.push(cutNote);
  return { status: 'passed', exitCode: 0, reasons, thresholds };
}

// What a soak concluded (soak-verdicts.json): each detector's verdict with the numbers and limits behind it.
import type { DriftVerdict } from './judge-drift.ts';
import type { MemoryTrend } from './judge-memory-trend.ts';
import type { ErrorBurstVerdict } from './find-error-bursts.ts';
import type { ContainerRestarts, RestartVerdict, TimedIdentity } from './find-restarts.ts';
import type { SoakThresholds } from './soak-thresholds.ts';
import type { SoakWindow, Span } from './soak-windows.ts';

export interface SoakVerdicts {
  readonly runId: string;
  /** The run's outcome (meta.json): a run that failed is never called stable. */
  readonly outcome: { status: string; reasons: string[] };
  readonly verdict: 'stable' | 'unstable' | 'failed run';
  readonly reason: string;
  readonly windowSeconds: number;
  /** The span at full concurrency that the windows cover; undefined when the run has no series. */
  readonly steady?: Span;
  readonly windows: SoakWindow[];
  readonly memory: MemoryTrend;
  readonly gpuMemory: MemoryTrend;
  readonly drift: DriftVerdict;
  readonly errors: ErrorBurstVerdict;
  readonly restarts: RestartVerdict;
  readonly thresholds: SoakThresholds;
  /** The port owner's readings, kept so that the verdicts can be computed again from the run folder. */
  readonly identity: TimedIdentity[];
  /** The server's container before and after the run (podman or quadlet), kept for judging again. */
  readonly container?: ContainerRestarts;
}

/** The file soak writes in the run folder. */
export const SOAK_VERDICTS_FILE = 'soak-verdicts.json';

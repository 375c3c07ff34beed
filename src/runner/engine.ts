// What the runner needs of an engine that runs a bundled profile: prepared before the run folder exists, then
// run with the run's files; the embedded engine, a k6 process and a run split over load generators implement it.
import type { Sample } from '../engine/metrics/types.ts';
import type { DistributedRunInfo } from '../distributed/types.ts';
import type { ProfileSettings } from './validate-settings.ts';

export interface EngineRunInput {
  settings: ProfileSettings;
  /** k6's --summary-export file and --out json= file, both in the run folder. */
  summaryExport: string;
  jsonOut: string;
  signal: AbortSignal;
  quiet: boolean;
  /** Every sample as it is emitted, where the engine can say (the embedded engine; not a k6 process). */
  onSample?: (sample: Sample) => void;
  /** The metrics onSample needs (all when undefined): an engine that ships samples from elsewhere sends these. */
  sampleMetrics?: readonly string[];
  /** The load generator's pid, when it is another process (diagnose samples its CPU). */
  onPid?: (pid: number | undefined) => void;
}

export interface EngineRunResult {
  /** k6's exit code semantics (src/engine/exit-codes.ts). */
  exitCode: number;
  reason?: string;
  iterationsCompleted?: number;
  /** Iterations hard-stopped mid-request; a real k6 does not say. */
  iterationsInterrupted?: number;
  /** Part of what should have been measured is missing (a load generator failed): the run is partial. */
  partial?: boolean;
  /** A distributed run's parts. */
  distributed?: DistributedRunInfo;
}

export interface Engine {
  readonly name: 'embedded' | 'k6' | 'distributed';
  /** What meta.json records as the engine's version. */
  readonly version: string;
  /** Work that can fail before anything is saved (compiling the script). */
  prepare(): Promise<void>;
  run(input: EngineRunInput): Promise<EngineRunResult>;
}

import type { SummaryData } from '../summary/summary-data.ts';

/** How one run of the embedded engine ended: k6's exit code, why, its counters and its summary. */
export interface RunTestResult {
  exitCode: number;
  /** Why the run ended early, when it did. */
  reason?: string;
  /** Iterations hard-stopped mid-way (gracefulStop, ramp-down, abort): their samples are not in the summary. */
  iterationsInterrupted: number;
  iterationsCompleted: number;
  summary: SummaryData;
}

import type { CliExecutionOverrides } from '../execution/tiers.ts';
import type { Sample } from '../metrics/types.ts';
import type { CompiledScript } from '../script/compile-script.ts';

/** What `inferload k6 run` (or the runner) asks of one test run. */
export interface RunTestOptions {
  scriptPath: string;
  /** The script already compiled (the runner compiles before it saves anything); else scriptPath is compiled. */
  compiled?: CompiledScript;
  /** __ENV: the process environment (k6 includes it by default) overlaid with -e KEY=VALUE. */
  env: Record<string, string>;
  cli?: CliExecutionOverrides;
  /** --tag name=value: on every sample. */
  tags?: Record<string, string>;
  summaryExport?: string;
  /** --out json=FILE ("-" is stdout, ".gz" gzips). */
  jsonOut?: string;
  noThresholds?: boolean;
  /** k6's --paused: VUs initialized, the run waits for a resume through the REST API (or a stop). */
  paused?: boolean;
  /** k6's --address: where the REST API listens (GET/PATCH /v1/status); none when left out. */
  address?: string;
  /** Told the REST API's address once it listens (port 0 asks for a free one). */
  onApiListening?: (address: string) => void;
  summaryTrendStats?: string[];
  /** No progress line, no default text summary on stdout. */
  quiet?: boolean;
  /** No text summary (k6's --summary-mode=disabled); handleSummary and --summary-export still run. */
  noSummary?: boolean;
  /**
   * Aborting it is an interrupt: everything stops, the summary is still written, exit 105. A reason with a `by`
   * (the signal's name) is named in the run's reason.
   */
  signal?: AbortSignal;
  /** Sees every sample as it is emitted (a capacity step judges steadiness live); must not throw. */
  onSample?: (sample: Sample) => void;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  progressIntervalMs?: number;
}

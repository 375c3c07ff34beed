import type { CliExecutionOverrides } from '../execution/tiers.ts';

/** What `inferload k6 run` (or the runner) asks of one test run. */
export interface RunTestOptions {
  scriptPath: string;
  /** __ENV: the process environment (k6 includes it by default) overlaid with -e KEY=VALUE. */
  env: Record<string, string>;
  cli?: CliExecutionOverrides;
  /** --tag name=value: on every sample. */
  tags?: Record<string, string>;
  summaryExport?: string;
  /** --out json=FILE ("-" is stdout, ".gz" gzips). */
  jsonOut?: string;
  noThresholds?: boolean;
  summaryTrendStats?: string[];
  /** No progress line, no default text summary on stdout. */
  quiet?: boolean;
  /** No text summary (k6's --summary-mode=disabled); handleSummary and --summary-export still run. */
  noSummary?: boolean;
  /** Aborting it is Ctrl-C: everything stops, the summary is still written, exit 105. */
  signal?: AbortSignal;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  progressIntervalMs?: number;
}

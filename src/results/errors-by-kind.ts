import { scanRunMetrics } from './scan-run-metrics.ts';

export { MESSAGES_PER_KIND } from './scan-run-metrics.ts';

/** Failed LLM requests by kind, with the first distinct messages the profiles stored for each kind. */
export interface ErrorsByKind {
  /** Failed requests per kind: http_503, timeout, ... (`unknown` for a failure without a kind). */
  counts: Record<string, number>;
  /** Up to MESSAGES_PER_KIND distinct messages per kind, in file order (from the sample metadata `error`). */
  messages: Record<string, string[]>;
}

/** Reads the failed llm_errors samples of a k6 JSON output file (plain or .gz). */
export async function readErrorsByKind(path: string): Promise<ErrorsByKind> {
  const scan = await scanRunMetrics(path, []);
  return { counts: scan.errorCounts, messages: scan.errorMessages };
}

/** Counts failed LLM requests by kind from a k6 JSON output file (plain or .gz): http_503, timeout, ... */
export async function countErrorsByKind(path: string): Promise<Record<string, number>> {
  return (await readErrorsByKind(path)).counts;
}

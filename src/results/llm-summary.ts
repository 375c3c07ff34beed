// The LLM view of a run from its k6 summary export: requests, tokens, latency percentiles, thresholds.
import { readSummaryExport, type SummaryExport } from './summary-export.ts';

export interface LatencyRow {
  name: string;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  avg?: number;
  count?: number;
}

/** The numbers people look at first, computed from a k6 summary export (ours or a real k6's). */
export interface LlmRunSummary {
  durationSeconds: number;
  requests: number;
  failed: number;
  requestsPerSecond: number;
  outputTokens?: number;
  outputTokensPerSecond?: number;
  promptTokens?: number;
  latency: LatencyRow[];
  thresholds: { metric: string; expression: string; ok: boolean }[];
  /** Requests whose server gave no token counts (usage); their tokens are not in the totals. */
  missingUsage: number;
}

const LATENCIES: [string, string][] = [
  ['TTFT', 'llm_ttft'],
  ['ITL', 'llm_itl'],
  ['TPOT', 'llm_tpot'],
  ['E2E', 'llm_e2e'],
  ['server prompt', 'llm_server_prompt_ms'],
  ['server TPOT', 'llm_server_tpot'],
];

/**
 * Reads summary.json (k6's --summary-export format) and derives the LLM view of the run. A file that is there
 * but unusable throws a DamagedRunFileError naming it and the damage; a missing one throws ENOENT as before.
 */
export function summarizeLlmRun(summaryPath: string, durationSeconds: number): LlmRunSummary {
  return summarizeExport(readSummaryExport(summaryPath), durationSeconds);
}

/** The LLM view of a summary export already read. */
export function summarizeExport(exported: SummaryExport, durationSeconds: number): LlmRunSummary {
  const m = exported.metrics;
  const errors = m['llm_errors'] ?? {};
  const passes = errors['passes'] ?? 0;
  const fails = errors['fails'] ?? 0;
  const outputTotal = m['llm_output_tokens_total'];
  const promptTotal = m['llm_prompt_tokens_total'];
  const latency: LatencyRow[] = [];
  for (const [name, key] of LATENCIES) {
    const v = m[key];
    if (!v || v['avg'] === undefined || v['count'] === 0) continue;
    latency.push({
      name,
      p50: v['med'],
      p90: v['p(90)'],
      p95: v['p(95)'],
      p99: v['p(99)'],
      avg: v['avg'],
      count: v['count'],
    });
  }
  const thresholds = Object.entries(m).flatMap(([metric, values]) =>
    Object.entries(values.thresholds ?? {}).map(([expression, failed]) => ({
      metric,
      expression,
      ok: !failed,
    })),
  );
  const requests = passes + fails;
  return {
    durationSeconds,
    requests,
    failed: passes,
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    ...(outputTotal
      ? { outputTokens: outputTotal['count'] ?? 0, outputTokensPerSecond: outputTotal['rate'] ?? 0 }
      : {}),
    ...(promptTotal ? { promptTokens: promptTotal['count'] ?? 0 } : {}),
    latency,
    thresholds,
    missingUsage: m['llm_missing_usage']?.['count'] ?? 0,
  };
}

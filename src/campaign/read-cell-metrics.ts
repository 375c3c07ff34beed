// A finished cell's numbers, read from its saved run through src/results (the same analysis reports and
// comparisons use): never estimated.
import { analyzeLoad } from '../results/run-analysis.ts';
import { DEFAULT_OBJECTIVE, parseObjective } from '../results/objective-defaults.ts';
import type { RunFiles } from '../results/run-files.ts';
import type { CellMetrics } from './types.ts';

/** How many end-to-end latencies a cell keeps for the latency CDFs. */
export const E2E_SAMPLE_SIZE = 500;

/** Reads the cell's metrics from its run folder; goodput is judged against the objective's SLO targets. */
export async function readCellMetrics(run: string | RunFiles, objective?: string): Promise<CellMetrics> {
  const slo = (objective === undefined ? DEFAULT_OBJECTIVE : parseObjective(objective)).slo;
  const analysis = await analyzeLoad(run, { slo });
  const { headline, summary, durationSeconds } = analysis;
  const outputTokensPerSecond = headline.outputTokensPerSecond ?? 0;
  const errorsByKind = { ...headline.errorsByKind };
  const proxyErrors = Object.entries(errorsByKind)
    .filter(([kind]) => kind.startsWith('proxy_'))
    .reduce((sum, [, count]) => sum + count, 0);
  const pick = (row: typeof headline.ttft, key: 'p50' | 'p95'): number | undefined => row?.[key];
  const fields: Record<string, number | undefined> = {
    goodputPerSecond: analysis.goodput.goodputPerSecond,
    ttftP50: pick(headline.ttft, 'p50'),
    ttftP95: pick(headline.ttft, 'p95'),
    itlP50: pick(headline.itl, 'p50'),
    itlP95: pick(headline.itl, 'p95'),
    tpotP50: pick(headline.tpot, 'p50'),
    tpotP95: pick(headline.tpot, 'p95'),
    e2eP50: pick(headline.e2e, 'p50'),
    e2eP95: pick(headline.e2e, 'p95'),
  };
  const defined = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<CellMetrics>;
  const e2e = analysis.distributions.e2e.values;
  return {
    requests: headline.requests,
    failed: headline.failed,
    durationSeconds,
    requestsPerSecond: headline.requestsPerSecond,
    outputTokensPerSecond,
    outputTokens: summary?.outputTokens ?? Math.round(outputTokensPerSecond * durationSeconds),
    ...defined,
    errorsByKind,
    proxyErrors,
    ...(e2e.length > 0 ? { e2eSample: sampleSorted(e2e, E2E_SAMPLE_SIZE) } : {}),
  };
}

/** Up to `size` values spread evenly over the sorted values (all of them when there are fewer). */
export function sampleSorted(values: readonly number[], size: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= size) return sorted;
  return Array.from(
    { length: size },
    (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (size - 1))] as number,
  );
}

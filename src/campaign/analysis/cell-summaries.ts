// A campaign's results folded per configuration (server factors x load level) over its repetitions: the unit
// the best cell, the top 5, the Pareto front and the heatmaps rank. Figures never look better than measured:
// throughput is the mean of the repetitions, each latency the worst repetition's.
import type { CampaignRecord, CellResult, FactorValue } from '../types.ts';

/** The outcomes of a run that served its load (thresholds are the profile's own, judged apart). */
export const SERVED_OUTCOMES: readonly string[] = ['passed', 'thresholds_failed'];

/** One configuration over its repetitions. */
export interface CellSummary {
  /** The cell id without its repetition: `s03-l02`. */
  key: string;
  serverIndex: number;
  server: Record<string, FactorValue>;
  load: Record<string, FactorValue>;
  /** "instances=4, parallel_slots=2 · concurrency=16". */
  label: string;
  results: CellResult[];
  /** Outcomes of repetitions that did not serve their load (failed, interrupted, error); empty when all did. */
  failedOutcomes: string[];
  /** Mean over the repetitions, and each repetition's. */
  outputTokensPerSecond: number;
  throughputs: number[];
  requestsPerSecond: number;
  goodputPerSecond?: number;
  requests: number;
  failed: number;
  /** failed / requests over all repetitions; undefined when nothing finished. */
  errorShare?: number;
  proxyErrors: number;
  /** Milliseconds, the worst repetition's. */
  ttftP95?: number;
  tpotP50?: number;
  tpotP95?: number;
  e2eP50?: number;
  e2eP95?: number;
  /** Every repetition's E2E sample, merged and sorted. */
  e2eSample: number[];
}

/** `name=value, name=value` in the given order. */
export function describeFactors(factors: Record<string, FactorValue>, names: readonly string[]): string {
  const ordered = [
    ...names.filter((n) => n in factors),
    ...Object.keys(factors).filter((n) => !names.includes(n)),
  ];
  return ordered.map((name) => `${name}=${String(factors[name])}`).join(', ');
}

/** The configuration a cell id belongs to: its id without the `-r<repetition>` suffix. */
export function toConfigurationKey(cellId: string): string {
  return cellId.replace(/-r\d+$/, '');
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
}

function worst(
  results: readonly CellResult[],
  pick: (r: CellResult) => number | undefined,
): number | undefined {
  const values = results.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return values.length > 0 ? Math.max(...values) : undefined;
}

function summarize(key: string, results: CellResult[], record: FactorNames): CellSummary {
  const first = results[0] as CellResult;
  const metrics = results.map((r) => r.metrics);
  const requests = metrics.reduce((sum, m) => sum + m.requests, 0);
  const failed = metrics.reduce((sum, m) => sum + m.failed, 0);
  const goodputs = metrics.map((m) => m.goodputPerSecond).filter((v): v is number => v !== undefined);
  const throughputs = metrics.map((m) => m.outputTokensPerSecond);
  const optional = {
    goodputPerSecond: goodputs.length === metrics.length && goodputs.length > 0 ? mean(goodputs) : undefined,
    errorShare: requests > 0 ? failed / requests : undefined,
    ttftP95: worst(results, (r) => r.metrics.ttftP95),
    tpotP50: worst(results, (r) => r.metrics.tpotP50),
    tpotP95: worst(results, (r) => r.metrics.tpotP95),
    e2eP50: worst(results, (r) => r.metrics.e2eP50),
    e2eP95: worst(results, (r) => r.metrics.e2eP95),
  };
  return {
    key,
    serverIndex: first.cell.serverIndex,
    server: first.cell.server,
    load: first.cell.load,
    label: `${describeFactors(first.cell.server, record.serverFactors)} · ${describeFactors(first.cell.load, record.loadFactors)}`,
    results,
    failedOutcomes: results.map((r) => r.outcome).filter((o) => !SERVED_OUTCOMES.includes(o)),
    outputTokensPerSecond: mean(throughputs),
    throughputs,
    requestsPerSecond: mean(metrics.map((m) => m.requestsPerSecond)),
    requests,
    failed,
    proxyErrors: metrics.reduce((sum, m) => sum + m.proxyErrors, 0),
    e2eSample: metrics.flatMap((m) => m.e2eSample ?? []).sort((a, b) => a - b),
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<CellSummary>),
  };
}

/** The factor names a summary's label orders its values by. */
type FactorNames = Pick<CampaignRecord, 'serverFactors' | 'loadFactors'>;

/** The record's results grouped per configuration, in the order their first repetition appears. */
export function summarizeCells(record: FactorNames & Pick<CampaignRecord, 'results'>): CellSummary[] {
  const groups = new Map<string, CellResult[]>();
  for (const result of record.results) {
    const key = toConfigurationKey(result.cell.id);
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups].map(([key, results]) => summarize(key, results, record));
}

/** Whether every repetition of a configuration served its load. */
export function hasServed(summary: CellSummary): boolean {
  return summary.failedOutcomes.length === 0;
}

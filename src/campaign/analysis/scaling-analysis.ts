// The scaling of a campaign: for every numeric server factor that varies (instances, tensor_parallel, ...),
// throughput at each N, both laws fitted, and the per-N efficiency X(N) / (N X(1)). The throughput at N is the
// output tokens/s of the best configuration served at that N: the best load level and the best value of the
// other factors (by mean over repetitions); each of its repetitions is one observation for the fits.
import type { CampaignRecord } from '../types.ts';
import { predictAmdahl, type ScalingObservation } from './amdahl-fit.ts';
import type { BootstrapOptions } from './bootstrap-interval.ts';
import { hasServed, summarizeCells, type CellSummary } from './cell-summaries.ts';
import { fitScalingLaws, type ScalingFits } from './scaling-fits.ts';
import { predictUsl } from './usl-fit.ts';

/** Throughput at one N, with both laws' predictions and the efficiency there. */
export interface ScalingPoint {
  n: number;
  /** Mean output tok/s of the configuration measured at this N, and each repetition's. */
  measured: number;
  observations: number[];
  /** That configuration. */
  key: string;
  label: string;
  amdahl?: number;
  usl?: number;
  efficiency?: number;
}

/** One factor's scaling. */
export interface ScalingAnalysis extends ScalingFits {
  factor: string;
  points: ScalingPoint[];
  /** X(1) of the efficiency: measured when N = 1 ran, else Amdahl's fitted X(1). */
  baseline?: { value: number; source: 'measured' | 'fitted' };
  /** Throughput fell after its highest point, and the USL puts its peak inside the measured range. */
  declineExplained: boolean;
  /** Why a law could not be fitted (too few N served). */
  notes: string[];
}

function isScale(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1;
}

/** The server factors to fit: numeric, every value at least 1, and at least two distinct values served. */
export function chooseScalingFactors(record: CampaignRecord, summaries: readonly CellSummary[]): string[] {
  return record.serverFactors.filter((factor) => {
    const values = summaries.map((s) => s.server[factor]);
    if (values.length === 0 || !values.every(isScale)) return false;
    return new Set(summaries.filter(hasServed).map((s) => s.server[factor])).size >= 2;
  });
}

/** The best served configuration at each N of `factor`, sorted by N. */
export function selectScalingPoints(factor: string, summaries: readonly CellSummary[]): ScalingPoint[] {
  const best = new Map<number, CellSummary>();
  for (const summary of summaries.filter(hasServed)) {
    const n = summary.server[factor];
    if (!isScale(n)) continue;
    const current = best.get(n);
    if (!current || summary.outputTokensPerSecond > current.outputTokensPerSecond) best.set(n, summary);
  }
  return [...best]
    .sort((a, b) => a[0] - b[0])
    .map(([n, s]) => ({
      n,
      measured: s.outputTokensPerSecond,
      observations: s.throughputs,
      key: s.key,
      label: s.label,
    }));
}

/** Fits one factor's points (exported for tests and for the tuner, which has points but no record). */
export function analyzeScalingPoints(
  factor: string,
  selected: readonly ScalingPoint[],
  options: BootstrapOptions = {},
): ScalingAnalysis {
  const observations: ScalingObservation[] = selected.flatMap((p) =>
    p.observations.map((throughput) => ({ n: p.n, throughput })),
  );
  const fits = fitScalingLaws(observations, options);
  const one = selected.find((p) => p.n === 1);
  const baseline = one
    ? { value: one.measured, source: 'measured' as const }
    : fits.amdahl && { value: fits.amdahl.fit.x1, source: 'fitted' as const };
  const points = selected.map((p) => ({
    ...p,
    ...(fits.amdahl ? { amdahl: predictAmdahl(fits.amdahl.fit, p.n) } : {}),
    ...(fits.usl ? { usl: predictUsl(fits.usl.fit, p.n) } : {}),
    ...(baseline && baseline.value > 0 ? { efficiency: p.measured / (p.n * baseline.value) } : {}),
  }));
  const highest = Math.max(...points.map((p) => p.measured));
  const last = points.at(-1);
  const peakN = fits.usl?.fit.peakN;
  const declineExplained =
    last !== undefined && last.measured < highest && peakN !== undefined && peakN < last.n;
  const notes = [
    ...(fits.amdahl ? [] : [`${factor}: Amdahl's law needs at least 2 values of ${factor} served`]),
    ...(fits.usl ? [] : [`${factor}: the USL needs at least 3 values of ${factor} served`]),
  ];
  return { factor, points, ...fits, ...(baseline ? { baseline } : {}), declineExplained, notes };
}

/** The scaling of every factor chooseScalingFactors picks. */
export function analyzeScaling(
  record: CampaignRecord,
  summaries: readonly CellSummary[] = summarizeCells(record),
  options: BootstrapOptions = {},
): ScalingAnalysis[] {
  return chooseScalingFactors(record, summaries).map((factor) =>
    analyzeScalingPoints(factor, selectScalingPoints(factor, summaries), options),
  );
}

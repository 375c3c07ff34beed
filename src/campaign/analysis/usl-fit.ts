// The Universal Scalability Law (Gunther) fitted to throughput against N:
// X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)). Contention sigma flattens the curve, coherency kappa
// bends it down past the peak N* = sqrt((1 - sigma) / kappa), which Amdahl's law (kappa = 0) cannot explain.
import { countDistinctN, fitScale, type ScalingObservation } from './amdahl-fit.ts';
import { minimizeNelderMead } from './nelder-mead.ts';

/** The fitted law; sigma in [0, 1], kappa >= 0; peakN only when kappa > 0. */
export interface UslFit {
  lambda: number;
  sigma: number;
  kappa: number;
  rmse: number;
  peakN?: number;
}

const SIGMA_GRID = Array.from({ length: 21 }, (_, i) => i / 20);
const KAPPA_GRID = [0, ...Array.from({ length: 15 }, (_, i) => 10 ** (-7 + i * 0.5))];

/** The USL's throughput at N for a fit. */
export function predictUsl(fit: Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>, n: number): number {
  return (fit.lambda * n) / (1 + fit.sigma * (n - 1) + fit.kappa * n * (n - 1));
}

/** The N of highest throughput, sqrt((1 - sigma) / kappa); undefined when kappa is 0 (no peak). */
export function computePeakN(sigma: number, kappa: number): number | undefined {
  return kappa > 0 ? Math.sqrt(Math.max(0, 1 - sigma) / kappa) : undefined;
}

function clampParameters(point: readonly number[]): [number, number] {
  return [Math.min(1, Math.max(0, point[0] ?? 0)), Math.max(0, point[1] ?? 0)];
}

function sseAt(observations: readonly ScalingObservation[], point: readonly number[]): number {
  const [sigma, kappa] = clampParameters(point);
  return fitScale(observations, (n) => n / (1 + sigma * (n - 1) + kappa * n * (n - 1))).sse;
}

/** Fits the USL (sigma and kappa kept non-negative); undefined with fewer than three distinct N. */
export function fitUsl(observations: readonly ScalingObservation[]): UslFit | undefined {
  if (countDistinctN(observations) < 3) return undefined;
  // The grid picks the basin (kappa spans decades), the simplex polishes inside the bounds.
  let start: [number, number] = [0, 0];
  let startSse = Number.POSITIVE_INFINITY;
  for (const sigma of SIGMA_GRID) {
    for (const kappa of KAPPA_GRID) {
      const sse = sseAt(observations, [sigma, kappa]);
      if (sse < startSse) [start, startSse] = [[sigma, kappa], sse];
    }
  }
  const polished = minimizeNelderMead((p) => sseAt(observations, p), start, {
    steps: [0.02, Math.max(start[1] * 0.5, 1e-5)],
  });
  const [sigma, kappa] = clampParameters(polished.value < startSse ? polished.point : start);
  const { scale, sse } = fitScale(observations, (n) => n / (1 + sigma * (n - 1) + kappa * n * (n - 1)));
  const peakN = computePeakN(sigma, kappa);
  return {
    lambda: scale,
    sigma,
    kappa,
    rmse: Math.sqrt(sse / observations.length),
    ...(peakN !== undefined ? { peakN } : {}),
  };
}

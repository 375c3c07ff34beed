// Amdahl's law fitted to throughput against a scale factor N: X(N) = X(1) N / (1 + s (N - 1)), where s is the
// sequential (non-parallelisable) fraction, by least squares with X(1) solved exactly for each s.

/** One measurement: throughput (output tokens/s) at scale N (instances, GPUs, TP degree, ...). */
export interface ScalingObservation {
  n: number;
  throughput: number;
}

/** The fitted law: X(1) and s in [0, 1]; rmse in the throughput's unit. */
export interface AmdahlFit {
  x1: number;
  s: number;
  rmse: number;
}

const GRID_STEP = 0.02;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Amdahl's throughput at N for a fit. */
export function predictAmdahl(fit: Pick<AmdahlFit, 'x1' | 's'>, n: number): number {
  return (fit.x1 * n) / (1 + fit.s * (n - 1));
}

/** How many distinct N the observations hold (a law needs at least as many as it has parameters). */
export function countDistinctN(observations: readonly ScalingObservation[]): number {
  return new Set(observations.map((o) => o.n)).size;
}

/**
 * The best scale for a shape g(N) (least squares of y against c g(N)) and the squared error left: the profiled
 * objective both laws minimise, since their scale (X(1), lambda) enters linearly.
 */
export function fitScale(
  observations: readonly ScalingObservation[],
  shape: (n: number) => number,
): { scale: number; sse: number } {
  let yg = 0;
  let gg = 0;
  let yy = 0;
  for (const { n, throughput } of observations) {
    const g = shape(n);
    yg += throughput * g;
    gg += g * g;
    yy += throughput * throughput;
  }
  const scale = gg > 0 ? yg / gg : 0;
  return { scale, sse: Math.max(0, yy - scale * yg) };
}

function sseAt(observations: readonly ScalingObservation[], s: number): number {
  return fitScale(observations, (n) => n / (1 + s * (n - 1))).sse;
}

/** Fits Amdahl's law (s bounded to [0, 1]); undefined with fewer than two distinct N. */
export function fitAmdahl(observations: readonly ScalingObservation[]): AmdahlFit | undefined {
  if (countDistinctN(observations) < 2) return undefined;
  // A grid finds the basin (the profiled error is smooth in s), a golden-section search the minimum inside it.
  let bestS = 0;
  let bestSse = Number.POSITIVE_INFINITY;
  for (let s = 0; s <= 1 + 1e-9; s += GRID_STEP) {
    const sse = sseAt(observations, Math.min(1, s));
    if (sse < bestSse) [bestS, bestSse] = [Math.min(1, s), sse];
  }
  let lo = Math.max(0, bestS - GRID_STEP);
  let hi = Math.min(1, bestS + GRID_STEP);
  for (let i = 0; i < 30; i++) {
    const a = hi - GOLDEN * (hi - lo);
    const b = lo + GOLDEN * (hi - lo);
    if (sseAt(observations, a) <= sseAt(observations, b)) hi = b;
    else lo = a;
  }
  // The bracket's ends stay candidates: a minimum on the bound (s = 0, perfect scaling) is kept exactly.
  const s = [(lo + hi) / 2, lo, hi].reduce((a, b) =>
    sseAt(observations, b) < sseAt(observations, a) ? b : a,
  );
  const { scale, sse } = fitScale(observations, (n) => n / (1 + s * (n - 1)));
  return { x1: scale, s, rmse: Math.sqrt(sse / observations.length) };
}

// A small Gaussian process over the tuner's configurations: a squared-exponential kernel on their normalized
// coordinates, one length scale for every axis, and a noise per observation that grows as its cell shortens
// (a cell of a ninth of the time is three times as noisy), so short and long cells inform one model. The
// length scale and the noise are chosen by the marginal likelihood over a small grid. No npm library fits
// (the maintained ones are Python's); n stays under a few hundred here, so plain Cholesky is enough.

export interface GpObservation {
  /** Coordinates in [0, 1] per factor. */
  x: readonly number[];
  y: number;
  /** The observation's noise relative to a full-length cell: variance scales by this (full / seconds). */
  noiseScale: number;
}

export interface GpPrediction {
  mean: number;
  sd: number;
}

export interface GpModel {
  predict(x: readonly number[]): GpPrediction;
  lengthScale: number;
  /** Noise standard deviation of a full-length cell, in the score's units. */
  noiseSd: number;
}

const LENGTH_SCALES = [0.15, 0.25, 0.4, 0.6, 1, 1.6];
/** Noise variance of a full-length cell as a share of the scores' variance. */
const NOISE_SHARES = [0.002, 0.01, 0.03, 0.1, 0.3];

function kernel(a: readonly number[], b: readonly number[], lengthScale: number): number {
  let d2 = 0;
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    d2 += d * d;
  }
  return Math.exp(-d2 / (2 * lengthScale * lengthScale));
}

/** Lower Cholesky factor of a symmetric positive definite matrix (row-major), or undefined if it is not. */
export function cholesky(matrix: readonly number[][]): number[][] | undefined {
  const n = matrix.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j += 1) {
      const lj = l[j] as number[];
      let sum = (matrix[i] as number[])[j] as number;
      for (let k = 0; k < j; k += 1) sum -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        li[i] = Math.sqrt(sum);
      } else li[j] = sum / (lj[j] as number);
    }
  }
  return l;
}

function solveLower(l: readonly number[][], b: readonly number[]): number[] {
  const x: number[] = [];
  for (let i = 0; i < b.length; i += 1) {
    const row = l[i] as number[];
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (row[k] as number) * (x[k] as number);
    x.push(sum / (row[i] as number));
  }
  return x;
}

function solveUpper(l: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k += 1) sum -= ((l[k] as number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as number[])[i] as number);
  }
  return x;
}

interface Fit {
  l: number[][];
  alpha: number[];
  logLikelihood: number;
}

function fitWith(
  observations: readonly GpObservation[],
  z: readonly number[],
  lengthScale: number,
  noiseShare: number,
): Fit | undefined {
  const k = observations.map((a, i) =>
    observations.map(
      (b, j) => kernel(a.x, b.x, lengthScale) + (i === j ? noiseShare * a.noiseScale + 1e-9 : 0),
    ),
  );
  const l = cholesky(k);
  if (!l) return undefined;
  const alpha = solveUpper(l, solveLower(l, z));
  let logDet = 0;
  for (let i = 0; i < l.length; i += 1) logDet += Math.log((l[i] as number[])[i] as number);
  const fitTerm = z.reduce((sum, v, i) => sum + v * (alpha[i] as number), 0);
  return { l, alpha, logLikelihood: -0.5 * fitTerm - logDet };
}

/** Fits the model to the observations (at least one). */
export function fitGp(observations: readonly GpObservation[]): GpModel {
  if (observations.length === 0) throw new Error('fitGp: no observations');
  const ys = observations.map((o) => o.y);
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  const variance = ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length;
  // With too few points or no spread the scale is the scores' own size, so the sd stays meaningful.
  const scale = Math.sqrt(variance) || Math.abs(mean) || 1;
  const z = ys.map((y) => (y - mean) / scale);
  let best: (Fit & { lengthScale: number; noiseShare: number }) | undefined;
  for (const lengthScale of LENGTH_SCALES) {
    for (const noiseShare of NOISE_SHARES) {
      const fit = fitWith(observations, z, lengthScale, noiseShare);
      if (fit && (!best || fit.logLikelihood > best.logLikelihood))
        best = { ...fit, lengthScale, noiseShare };
    }
  }
  if (!best) throw new Error('fitGp: no kernel fitted');
  const chosen = best;
  return {
    lengthScale: chosen.lengthScale,
    noiseSd: Math.sqrt(chosen.noiseShare) * scale,
    predict(x) {
      const ks = observations.map((o) => kernel(x, o.x, chosen.lengthScale));
      const zMean = ks.reduce((sum, v, i) => sum + v * (chosen.alpha[i] as number), 0);
      const v = solveLower(chosen.l, ks);
      const zVar = Math.max(1e-12, 1 - v.reduce((sum, e) => sum + e * e, 0));
      return { mean: mean + zMean * scale, sd: Math.sqrt(zVar) * scale };
    },
  };
}

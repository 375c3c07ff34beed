// Both scaling laws fitted to the same observations, each parameter with a bootstrap confidence interval
// (resampling the observations: the cells and their repetitions).
import { fitAmdahl, type AmdahlFit, type ScalingObservation } from './amdahl-fit.ts';
import { bootstrapIntervals, type BootstrapOptions, type Interval } from './bootstrap-interval.ts';
import { fitUsl, type UslFit } from './usl-fit.ts';

/** Amdahl's fit with intervals for s and X(1). */
export interface AmdahlResult {
  fit: AmdahlFit;
  s?: Interval;
  x1?: Interval;
}

/** The USL's fit with intervals for sigma and kappa. */
export interface UslResult {
  fit: UslFit;
  sigma?: Interval;
  kappa?: Interval;
}

/** What could be fitted: Amdahl needs two distinct N, the USL three. */
export interface ScalingFits {
  amdahl?: AmdahlResult;
  usl?: UslResult;
}

/** Fits Amdahl's law and the USL to the observations, with seeded bootstrap intervals. */
export function fitScalingLaws(
  observations: readonly ScalingObservation[],
  options: BootstrapOptions = {},
): ScalingFits {
  const amdahl = fitAmdahl(observations);
  const usl = fitUsl(observations);
  const fits: ScalingFits = {};
  if (amdahl) {
    const [s, x1] =
      bootstrapIntervals(
        observations,
        (sample) => {
          const fit = fitAmdahl(sample);
          return fit && [fit.s, fit.x1];
        },
        options,
      ) ?? [];
    fits.amdahl = { fit: amdahl, ...(s ? { s } : {}), ...(x1 ? { x1 } : {}) };
  }
  if (usl) {
    const [sigma, kappa] =
      bootstrapIntervals(
        observations,
        (sample) => {
          const fit = fitUsl(sample);
          return fit && [fit.sigma, fit.kappa];
        },
        // The USL's fit costs a grid per resample: fewer resamples keep a report quick, 95% still holds.
        { ...options, resamples: Math.min(options.resamples ?? 400, 400) },
      ) ?? [];
    fits.usl = { fit: usl, ...(sigma ? { sigma } : {}), ...(kappa ? { kappa } : {}) };
  }
  return fits;
}

// The scaling laws on synthetic throughput from known parameters with seeded noise: the fits recover them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitAmdahl,
  predictAmdahl,
  type ScalingObservation,
} from '../../../../src/campaign/analysis/amdahl-fit.ts';
import { bootstrapIntervals } from '../../../../src/campaign/analysis/bootstrap-interval.ts';
import { fitScalingLaws } from '../../../../src/campaign/analysis/scaling-fits.ts';
import { computePeakN, fitUsl } from '../../../../src/campaign/analysis/usl-fit.ts';
import { mulberry32 } from '../../../../src/util/mulberry32.ts';

/** Observations of `law` at each N, `repetitions` each, with uniform relative noise in +-noise. */
function observe(
  law: (n: number) => number,
  ns: number[],
  options: { repetitions?: number; noise?: number; seed?: number } = {},
): ScalingObservation[] {
  const next = mulberry32(options.seed ?? 1);
  return ns.flatMap((n) =>
    Array.from({ length: options.repetitions ?? 3 }, () => ({
      n,
      throughput: law(n) * (1 + (options.noise ?? 0.03) * (2 * (next() / 2 ** 32) - 1)),
    })),
  );
}

const amdahl = (x1: number, s: number) => (n: number) => (x1 * n) / (1 + s * (n - 1));
const usl = (lambda: number, sigma: number, kappa: number) => (n: number) =>
  (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));

describe('fitAmdahl', () => {
  for (const [s, seed] of [
    [0, 3],
    [0.05, 4],
    [0.15, 5],
    [0.4, 6],
  ] as const) {
    it(`recovers s = ${s} within 0.02 from 3% noise, the true s inside its bootstrap interval`, () => {
      const observations = observe(amdahl(120, s), [1, 2, 4, 8], { seed });
      const fits = fitScalingLaws(observations);
      const fit = fits.amdahl?.fit;
      assert.ok(fit);
      assert.ok(Math.abs(fit.s - s) <= 0.02, `s ${fit.s} vs ${s}`);
      assert.ok(Math.abs(fit.x1 - 120) / 120 < 0.05, `x1 ${fit.x1}`);
      const interval = fits.amdahl?.s;
      assert.ok(interval, 'an interval for s');
      assert.ok(interval.low <= fit.s && fit.s <= interval.high, JSON.stringify(interval));
      assert.ok(
        interval.low - 1e-9 <= s && s <= interval.high + 0.005,
        `${s} in ${JSON.stringify(interval)}`,
      );
    });
  }

  it('is exact on noiseless data without N = 1 (instances 2..16)', () => {
    const fit = fitAmdahl(observe(amdahl(80, 0.08), [2, 4, 8, 16], { noise: 0, repetitions: 1 }));
    assert.ok(fit);
    assert.ok(Math.abs(fit.s - 0.08) < 1e-4, String(fit.s));
    assert.ok(Math.abs(predictAmdahl(fit, 16) - amdahl(80, 0.08)(16)) < 0.05);
  });

  it('needs two distinct N', () => {
    assert.equal(
      fitAmdahl([
        { n: 4, throughput: 100 },
        { n: 4, throughput: 110 },
      ]),
      undefined,
    );
  });
});

describe('fitUsl', () => {
  it('explains a decline past the peak (12 -> 16 instances) with kappa > 0, and Amdahl cannot', () => {
    const truth = usl(50, 0.05, 0.01);
    const observations = observe(truth, [1, 2, 4, 8, 12, 16], { repetitions: 2, seed: 9 });
    assert.ok(truth(16) < truth(12), 'the synthetic curve declines');
    const fits = fitScalingLaws(observations);
    const fit = fits.usl?.fit;
    assert.ok(fit);
    assert.ok(fit.kappa > 0.006 && fit.kappa < 0.014, `kappa ${fit.kappa}`);
    assert.ok(Math.abs(fit.sigma - 0.05) < 0.04, `sigma ${fit.sigma}`);
    const truePeak = computePeakN(0.05, 0.01) as number;
    assert.ok(
      fit.peakN !== undefined && Math.abs(fit.peakN - truePeak) < 2,
      `peak ${fit.peakN} vs ${truePeak}`,
    );
    assert.ok((fits.usl?.kappa?.low ?? 0) > 0, 'kappa > 0 at 95%');
    assert.ok(fit.rmse < (fits.amdahl?.fit.rmse ?? 0) / 2, 'the USL fits far better than Amdahl');
  });

  it('finds no coherency in Amdahl-shaped data', () => {
    const fit = fitUsl(observe(amdahl(100, 0.1), [1, 2, 4, 8, 16], { noise: 0, repetitions: 1 }));
    assert.ok(fit);
    assert.ok(fit.kappa < 1e-5, `kappa ${fit.kappa}`);
    assert.ok(Math.abs(fit.sigma - 0.1) < 0.005, `sigma ${fit.sigma}`);
  });

  it('keeps sigma and kappa non-negative on super-linear data', () => {
    const fit = fitUsl(observe((n) => 10 * n ** 1.2, [1, 2, 4, 8], { noise: 0, repetitions: 1 }));
    assert.ok(fit && fit.sigma >= 0 && fit.kappa >= 0);
    assert.equal(fit.sigma, 0);
  });

  it('needs three distinct N', () => {
    assert.equal(fitUsl(observe(amdahl(100, 0.1), [1, 2], { noise: 0 })), undefined);
  });
});

describe('bootstrapIntervals', () => {
  it('is the same for the same seed and differs for another', () => {
    const observations = observe(amdahl(100, 0.1), [1, 2, 4, 8], { noise: 0.05 });
    const estimate = (sample: readonly ScalingObservation[]) => {
      const fit = fitAmdahl(sample);
      return fit && [fit.s];
    };
    const a = bootstrapIntervals(observations, estimate, { seed: 7, resamples: 200 });
    const b = bootstrapIntervals(observations, estimate, { seed: 7, resamples: 200 });
    const c = bootstrapIntervals(observations, estimate, { seed: 8, resamples: 200 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.equal(a?.[0]?.resamples, 200);
  });

  it('gives up when the estimate refuses most resamples', () => {
    const one = [
      { n: 1, throughput: 10 },
      { n: 2, throughput: 19 },
    ];
    const refused = bootstrapIntervals(one, () => undefined, { resamples: 50 });
    assert.equal(refused, undefined);
    assert.equal(
      bootstrapIntervals([], () => [1]),
      undefined,
    );
  });
});

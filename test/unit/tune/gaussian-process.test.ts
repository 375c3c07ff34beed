import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cholesky, fitGp } from '../../../src/tune/gaussian-process.ts';

describe('cholesky', () => {
  it('factors a positive definite matrix so that L L^T gives it back', () => {
    const a = [
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3],
    ];
    const l = cholesky(a);
    assert.ok(l);
    for (let i = 0; i < 3; i += 1)
      for (let j = 0; j < 3; j += 1) {
        const v = [0, 1, 2].reduce((s, k) => s + (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0), 0);
        assert.ok(Math.abs(v - (a[i]?.[j] ?? 0)) < 1e-12);
      }
  });

  it('refuses a matrix that is not positive definite', () => {
    assert.equal(
      cholesky([
        [1, 2],
        [2, 1],
      ]),
      undefined,
    );
  });
});

describe('fitGp', () => {
  const f = (x: number): number => 10 + 5 * Math.sin(3 * x);
  const grid = Array.from({ length: 11 }, (_, i) => i / 10);

  it('interpolates a smooth function and is unsure far from its data', () => {
    const gp = fitGp(grid.filter((_, i) => i % 2 === 0).map((x) => ({ x: [x], y: f(x), noiseScale: 1 })));
    for (const x of grid.filter((_, i) => i % 2 === 1))
      assert.ok(Math.abs(gp.predict([x]).mean - f(x)) < 0.3, `at ${x}: ${gp.predict([x]).mean} vs ${f(x)}`);
    assert.ok(gp.predict([3]).sd > 5 * gp.predict([0.5]).sd);
  });

  it('trusts a long cell more than a short one at the same point', () => {
    const gp = fitGp([
      { x: [0], y: 10, noiseScale: 1 },
      { x: [0], y: 14, noiseScale: 9 },
      { x: [1], y: 2, noiseScale: 1 },
      { x: [1], y: 2.2, noiseScale: 1 },
    ]);
    assert.ok(Math.abs(gp.predict([0]).mean - 10) < Math.abs(gp.predict([0]).mean - 14));
  });

  it('smooths noise: the mean sits between repeated noisy values', () => {
    const gp = fitGp([9, 11, 10.5, 9.5].map((y) => ({ x: [0.5], y, noiseScale: 1 })));
    assert.ok(Math.abs(gp.predict([0.5]).mean - 10) < 0.2);
  });
});

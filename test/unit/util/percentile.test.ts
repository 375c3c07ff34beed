import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { percentileOfSorted } from '../../../src/engine/metrics/percentile.ts';
import { createRandom } from '../../../src/sim/prng.ts';
import { closestRankOfSorted, percentile, quantileOfSorted } from '../../../src/util/percentile.ts';

describe('quantileOfSorted', () => {
  it('interpolates between the closest ranks, as k6 does', () => {
    assert.equal(quantileOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1);
    assert.equal(quantileOfSorted([10, 20], 0.5), 15);
    assert.equal(quantileOfSorted([7], 0.99), 7);
    assert.equal(quantileOfSorted([], 0.5), 0);
  });

  it("gives the engine's numbers to the last bit", () => {
    const random = createRandom(7);
    for (let n = 1; n < 200; n++) {
      const values = Array.from({ length: n }, () => random() * 1000).sort((a, b) => a - b);
      for (const q of [0, 0.01, 0.5, 0.9, 0.95, 0.99, 1]) {
        assert.equal(quantileOfSorted(values, q), percentileOfSorted(values, n, q));
      }
    }
  });
});

describe('percentile', () => {
  it('takes a percent and values in any order, and has no value for none', () => {
    assert.equal(percentile([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 90), 9.1);
    assert.equal(percentile([], 50), undefined);
  });
});

describe('closestRankOfSorted', () => {
  it('takes the value at the closest rank, without interpolating', () => {
    assert.equal(closestRankOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(closestRankOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99), 10);
    assert.equal(closestRankOfSorted([1, 100], 0.01), 1);
    assert.equal(closestRankOfSorted([], 0.5), 0);
  });
});

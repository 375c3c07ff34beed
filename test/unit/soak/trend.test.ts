import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeCv,
  computeRelativeChange,
  computeSlope,
  isRisingThroughout,
} from '../../../src/diagnose/soak/trend.ts';

describe('trend math', () => {
  it('fits a slope against indexes or against given times', () => {
    assert.equal(computeSlope([1, 2, 3]), 1);
    assert.equal(computeSlope([10, 30, 50], [0, 10, 20]), 2);
    // Uneven times: the slope follows them, not the indexes.
    assert.equal(computeSlope([0, 10, 40], [0, 1, 4]), 10);
    assert.equal(computeSlope([5]), 0);
    assert.equal(computeSlope([5, 6], [3, 3]), 0, 'no spread in x: no slope rather than NaN');
  });

  it('computes the coefficient of variation, the relative change and a rise throughout', () => {
    assert.equal(computeCv([10, 10]), 0);
    assert.ok(Math.abs(computeCv([9, 11]) - 0.1) < 1e-9);
    assert.equal(computeRelativeChange(100, 80), -0.2);
    assert.equal(computeRelativeChange(0, 80), undefined);
    assert.equal(computeRelativeChange(undefined, 80), undefined);
    assert.equal(isRisingThroughout([1, 2, 3]), true);
    assert.equal(isRisingThroughout([1, 2, 2]), false);
    assert.equal(isRisingThroughout([1]), false);
  });
});

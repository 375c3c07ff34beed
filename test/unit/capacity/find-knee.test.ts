import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findKnee } from '../../../src/capacity/find-knee.ts';

describe('findKnee', () => {
  it('finds where a saturating curve bends', () => {
    // Throughput rises with requests in flight up to 4 (the slots), then flattens.
    const points = [1, 2, 3, 4, 6, 10, 20].map((x) => ({ x, y: Math.min(x, 4) * 2.5 }));
    assert.equal(points[findKnee(points) ?? -1]?.x, 4);
  });

  it('answers in the caller order', () => {
    const points = [
      { x: 20, y: 10 },
      { x: 1, y: 2.5 },
      { x: 4, y: 10 },
      { x: 2, y: 5 },
    ];
    assert.equal(findKnee(points), 2);
  });

  it('has none for a straight line, a flat one or under three points', () => {
    assert.equal(findKnee([1, 2, 3, 4].map((x) => ({ x, y: x }))), undefined);
    assert.equal(findKnee([1, 2, 3].map((x) => ({ x, y: 5 }))), undefined);
    assert.equal(
      findKnee([
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ]),
      undefined,
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  gridCandidates,
  gridNeighbours,
  placeCandidates,
  spreadCandidates,
} from '../../../src/tune/tune-space.ts';

const factors = [
  { name: 'parallel_slots', values: [1, 2, 4, 8] },
  { name: 'threads_gen', values: [2, 4, 8] },
];

describe('gridCandidates', () => {
  it('places every combination on level coordinates, first factor outermost', () => {
    const grid = gridCandidates(factors);
    assert.equal(grid.length, 12);
    assert.deepEqual(grid[0]?.factors, { parallel_slots: 1, threads_gen: 2 });
    assert.deepEqual(grid[1]?.factors, { parallel_slots: 1, threads_gen: 4 });
    assert.deepEqual(grid[5]?.x, [1 / 3, 1]);
    assert.equal(grid[5]?.label, 'parallel_slots=2 threads_gen=8');
  });

  it('puts a one-level factor in the middle', () => {
    const [only] = placeCandidates([{ name: 'ctx', values: [512] }], [{ index: 7, factors: { ctx: 512 } }]);
    assert.deepEqual(only, { index: 7, factors: { ctx: 512 }, x: [0.5], label: 'the base preset' });
  });
});

describe('spreadCandidates', () => {
  it('starts near the centre and then takes the corners, the same every time', () => {
    const grid = gridCandidates(factors);
    const spread = spreadCandidates(grid, 5);
    // Both middle levels of four are as near the centre (to rounding).
    assert.equal(spread[0]?.factors['threads_gen'], 4);
    assert.ok([2, 4].includes(Number(spread[0]?.factors['parallel_slots'])));
    for (const corner of spread.slice(1, 3).map((c) => c.x))
      assert.ok(
        corner.every((v) => v === 0 || v === 1),
        JSON.stringify(corner),
      );
    assert.deepEqual(spreadCandidates(grid, 5), spreadCandidates(grid, 5));
    assert.equal(new Set(spreadCandidates(grid, 12).map((c) => c.index)).size, 12);
  });
});

describe('gridNeighbours', () => {
  const grid = gridCandidates(factors);
  const at = (slots: number, threads: number) =>
    grid.find((c) => c.factors['parallel_slots'] === slots && c.factors['threads_gen'] === threads);
  const labels = (list: readonly { label: string }[]): string[] => list.map((c) => c.label).sort();

  it('gives the configurations one level away on one axis, the others equal', () => {
    const inner = at(2, 4);
    assert.ok(inner);
    assert.deepEqual(labels(gridNeighbours(grid, inner)), [
      'parallel_slots=1 threads_gen=4',
      'parallel_slots=2 threads_gen=2',
      'parallel_slots=2 threads_gen=8',
      'parallel_slots=4 threads_gen=4',
    ]);
    const corner = at(8, 8);
    assert.ok(corner);
    assert.deepEqual(labels(gridNeighbours(grid, corner)), [
      'parallel_slots=4 threads_gen=8',
      'parallel_slots=8 threads_gen=4',
    ]);
  });

  it('steps over a configuration the plan skipped to the next level on that axis', () => {
    const holed = grid.filter((c) => c !== at(4, 4));
    const of = holed.find((c) => c.factors['parallel_slots'] === 2 && c.factors['threads_gen'] === 4);
    assert.ok(of);
    assert.ok(labels(gridNeighbours(holed, of)).includes('parallel_slots=8 threads_gen=4'));
    assert.equal(gridNeighbours(holed, of).length, 4);
  });
});

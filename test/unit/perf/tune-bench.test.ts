// The tuner's benchmark surfaces and its goal on one seed (make bench-tune runs sixteen): deterministic, so
// asserted here too; the table in docs/benchmarks.md comes from make bench-tune.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bestMeasured, judgeTuneBench, measureTuner } from '../../../src/perf/tune-bench.ts';
import { SURFACE_FACTORS, surfaceGoodput, surfaceShapes } from '../../../src/perf/tune-surfaces.ts';
import { gridCandidates } from '../../../src/tune/tune-space.ts';

const grid = gridCandidates(SURFACE_FACTORS);

function surface(name: string, seed = 1): number[] {
  const shape = surfaceShapes(seed).find((s) => s.name === name);
  assert.ok(shape, name);
  return grid.map((c) => surfaceGoodput(shape, c.factors));
}

describe('the tuner benchmark surfaces', () => {
  it('have a narrow optimum: at most three of the 120 configurations within 5% of the best', () => {
    for (const seed of [1, 2, 3]) {
      const values = surface('narrow optimum', seed);
      const best = Math.max(...values);
      assert.ok(best > 0, `seed ${seed}: some configuration meets the SLO`);
      assert.ok(values.filter((v) => v >= 0.95 * best).length <= 3, `seed ${seed}`);
    }
  });

  it('degrade with more instances where instances share memory bandwidth', () => {
    const values = surface('instances degrade');
    const bestAt = (instances: number): number =>
      Math.max(...values.filter((_, i) => grid[i]?.factors['instances'] === instances));
    assert.ok(bestAt(1) > bestAt(4) && bestAt(4) > bestAt(8), `${bestAt(1)} ${bestAt(4)} ${bestAt(8)}`);
  });

  it('slow down when instances x threads oversubscribe the cores', () => {
    const shape = surfaceShapes(1)[0];
    assert.ok(shape);
    const at = (instances: number, threads: number): number =>
      surfaceGoodput(shape, { instances, parallel_slots: 16, threads_gen: threads });
    assert.ok(at(2, 8) > at(2, 16), 'threads past the cores cost');
  });
});

describe('bestMeasured', () => {
  it('picks as a campaign ranks: the most goodput among cells that held the objective, else overall', () => {
    const cells = [
      { score: 9, held: false },
      { score: 4, held: true },
      { score: 5, held: true },
    ];
    assert.equal(bestMeasured(cells), 2);
    assert.equal(bestMeasured(cells.map((c) => ({ ...c, held: false }))), 0);
  });
});

describe('measureTuner', () => {
  it('meets the goal on seed 1: every pick within 5% of the best, with at most 25% of the load', async () => {
    const rows = await measureTuner([1]);
    assert.equal(rows.length, 5);
    const verdict = judgeTuneBench(rows);
    assert.ok(verdict.ok, JSON.stringify(rows));
  });

  it("finds seed 6's narrow optimum, which rung 0's spread does not reach", async () => {
    // Two configurations of 120 serve within 5% of the best; their neighbours measure well in 15-s cells
    // but queue past the TTFT limit later. Before rung 0 went next to the best measured, the pick was at 3%.
    const rows = await measureTuner([6]);
    const narrow = rows.find((r) => r.shape === 'narrow optimum');
    assert.ok(narrow && narrow.ratio >= 0.95 && narrow.loadShare <= 0.25, JSON.stringify(narrow));
  });
});

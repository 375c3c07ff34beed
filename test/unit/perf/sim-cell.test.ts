import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSimCell, type SimCell } from '../../../src/perf/sim-cell.ts';

// One instance, 8 closed-loop users, 64-token answers at 50 ms a token: about 3.2 s a request on its own.
const base: SimCell = {
  instances: 1,
  usersPerInstance: 8,
  slots: 8,
  promptTokens: 64,
  outputTokens: 64,
  promptTokensPerSecond: 2000,
  decodeMsPerToken: 50,
  contention: 0,
  jitter: 0,
  speedFactor: 1,
  ttftMs: 2000,
  tpotMs: 100,
  seconds: 60,
  seed: 1,
};

describe('runSimCell', () => {
  it('holds the objective when every user has a slot', () => {
    const cell = runSimCell(base);
    assert.ok(cell.finished > 100, `${cell.finished}`);
    assert.equal(cell.met, cell.finished);
    assert.ok(cell.held);
    assert.ok(cell.ttftP95 < 2000 && cell.tpotP95 < 100, `${cell.ttftP95} ${cell.tpotP95}`);
  });

  it('misses the objective when users queue for one slot past the TTFT limit, its p95s saying why', () => {
    const cell = runSimCell({ ...base, slots: 1 });
    assert.ok(cell.finished > 0);
    assert.ok(cell.met < cell.finished / 2, `${cell.met} of ${cell.finished}`);
    assert.ok(cell.ttftP95 > 2000, `${cell.ttftP95}`);
    assert.equal(cell.held, false);
  });

  it('does not hold when nothing finished inside the cell', () => {
    const cell = runSimCell({ ...base, seconds: 1 });
    assert.equal(cell.finished, 0);
    assert.equal(cell.held, false);
  });
});

// The Pareto front of total throughput against per-user speed (1000 / TPOT p50).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCells } from '../../../../src/campaign/analysis/cell-summaries.ts';
import { computeParetoFront } from '../../../../src/campaign/analysis/pareto-front.ts';
import { buildCampaignRecord } from '../../../helpers/campaign-record.ts';

describe('computeParetoFront', () => {
  it('keeps the configurations no other beats on both axes, sorted by per-user speed', () => {
    // More users: more throughput, slower each; slots=1 at 16 users is dominated by slots=2 at 16 users.
    const record = buildCampaignRecord({
      server: { parallel_slots: [1, 2] },
      load: { concurrency: [1, 4, 16] },
      noise: 0,
      throughput: (server, load) =>
        Number(load['concurrency']) * 20 * Number(server['parallel_slots']) ** 0.2,
      tpotMs: (server, load) => 10 + Number(load['concurrency']) * (server['parallel_slots'] === 1 ? 4 : 2),
      outcome: (cell) => (cell.id === 's01-l00-r1' ? 'failed' : 'passed'),
    });
    const { points, front } = computeParetoFront(summarizeCells(record));
    assert.equal(points.length, 5, 'the failed configuration is not placed');
    const speeds = front.map((p) => p.perUserSpeed);
    assert.deepEqual(
      speeds,
      [...speeds].sort((a, b) => a - b),
    );
    assert.deepEqual(
      front.map((p) => p.summary.key),
      ['s01-l02', 's01-l01', 's00-l00'],
    );
    for (const p of points) assert.equal(p.onFront, front.includes(p));
    const best = front[0];
    assert.ok(best && Math.abs(best.perUserSpeed - 1000 / 42) < 1e-9);
  });

  it('puts equal points both on the front and leaves out cells without TPOT', () => {
    const record = buildCampaignRecord({
      server: { parallel_slots: [1, 2, 3] },
      load: { concurrency: [4] },
      noise: 0,
      throughput: () => 100,
      tpotMs: (server) => (server['parallel_slots'] === 3 ? 0 : 20),
    });
    const { points, front } = computeParetoFront(summarizeCells(record));
    assert.equal(points.length, 2);
    assert.equal(front.length, 2);
  });
});

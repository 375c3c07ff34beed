// The best cell and the top 5: failed cells and objective misses never rank, ties are broken explicitly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCells, type CellSummary } from '../../../../src/campaign/analysis/cell-summaries.ts';
import {
  compareCells,
  judgeCell,
  rankCells,
  readObjective,
} from '../../../../src/campaign/analysis/rank-cells.ts';
import { DEFAULT_OBJECTIVE, parseObjective } from '../../../../src/results/objective-defaults.ts';
import { buildCampaignRecord } from '../../../helpers/campaign-record.ts';

/** Eight slot counts, throughput growing with them, so that the largest would win if nothing stopped it. */
function slotsCampaign(extra: Partial<Parameters<typeof buildCampaignRecord>[0]> = {}) {
  return buildCampaignRecord({
    server: { parallel_slots: [1, 2, 3, 4, 5, 6, 7, 8] },
    load: { concurrency: [16] },
    throughput: (server) => 100 * Number(server['parallel_slots']),
    noise: 0,
    ...extra,
  });
}

const slotsOf = (summaries: readonly CellSummary[]) => summaries.map((s) => s.server['parallel_slots']);

describe('rankCells', () => {
  it('ranks by output tok/s and keeps five in the top', () => {
    const record = slotsCampaign();
    const ranking = rankCells(summarizeCells(record), readObjective(record));
    assert.deepEqual(slotsOf(ranking.top), [8, 7, 6, 5, 4]);
    assert.equal(ranking.best?.server['parallel_slots'], 8);
    assert.equal(ranking.rejected.length, 0);
  });

  it('never picks a cell that failed, even in one repetition, however fast', () => {
    const record = slotsCampaign({
      repetitions: 2,
      outcome: (cell) => (cell.server['parallel_slots'] === 8 && cell.repetition === 2 ? 'failed' : 'passed'),
    });
    const ranking = rankCells(summarizeCells(record), readObjective(record));
    assert.equal(ranking.best?.server['parallel_slots'], 7);
    const [rejected] = ranking.rejected;
    assert.equal(rejected?.summary.server['parallel_slots'], 8);
    assert.deepEqual(rejected?.reasons, [{ kind: 'failed-outcome', outcomes: ['failed'] }]);
  });

  it("rejects cells missing the record's objective, with make compare's reasons", () => {
    const record = slotsCampaign({
      objective: 'e2e_p95=2s,errors=5%',
      e2eMs: (server) => (server['parallel_slots'] === 8 ? 4000 : 500),
      failedShare: (cell) => (cell.server['parallel_slots'] === 7 ? 0.2 : 0),
    });
    const objective = readObjective(record);
    assert.equal(objective.e2eP95BudgetMs, 2000);
    const ranking = rankCells(summarizeCells(record), objective);
    assert.equal(ranking.best?.server['parallel_slots'], 6);
    const reasons = Object.fromEntries(
      ranking.rejected.map((r) => [String(r.summary.server['parallel_slots']), r.reasons.map((x) => x.kind)]),
    );
    assert.deepEqual(reasons, { 8: ['over-budget'], 7: ['too-many-errors'] });
  });

  it('rejects a cell over a p95 TTFT or TPOT budget of the objective', () => {
    const [base] = summarizeCells(slotsCampaign());
    assert.ok(base);
    const objective = parseObjective('ttft_p95=2s,tpot_p95=50ms');
    assert.deepEqual(judgeCell({ ...base, ttftP95: 2500, tpotP95: 40 }, objective), [
      { kind: 'over-latency', metric: 'TTFT', p95Ms: 2500, budgetMs: 2000 },
    ]);
    assert.deepEqual(judgeCell({ ...base, ttftP95: 1500, tpotP95: 40 }, objective), []);
  });

  it('has no best when nothing qualifies, and uses the default objective when the record has none', () => {
    const record = slotsCampaign({ outcome: () => 'error' });
    assert.deepEqual(readObjective(record), DEFAULT_OBJECTIVE);
    const ranking = rankCells(summarizeCells(record), readObjective(record));
    assert.equal(ranking.best, undefined);
    assert.deepEqual(ranking.top, []);
    assert.equal(ranking.rejected.length, 8);
  });

  it('breaks ties on lower p95 E2E, then goodput, then errors, then the key, whatever the input order', () => {
    const [base] = summarizeCells(slotsCampaign());
    assert.ok(base);
    const cell = (key: string, over: Partial<CellSummary>): CellSummary => ({ ...base, key, ...over });
    const cells = [
      cell('s05-l00', { outputTokensPerSecond: 500, e2eP95: 900 }),
      cell('s04-l00', { outputTokensPerSecond: 500, e2eP95: 800, goodputPerSecond: 1 }),
      cell('s03-l00', { outputTokensPerSecond: 500, e2eP95: 800, goodputPerSecond: 2, errorShare: 0.01 }),
      cell('s02-l00', { outputTokensPerSecond: 500, e2eP95: 800, goodputPerSecond: 2, errorShare: 0 }),
      cell('s01-l00', { outputTokensPerSecond: 500, e2eP95: 800, goodputPerSecond: 2, errorShare: 0 }),
      cell('s00-l00', { outputTokensPerSecond: 501, e2eP95: 5000 }),
    ];
    const expected = ['s00-l00', 's01-l00', 's02-l00', 's03-l00', 's04-l00', 's05-l00'];
    assert.deepEqual(
      [...cells].sort(compareCells).map((c) => c.key),
      expected,
    );
    assert.deepEqual(
      [...cells]
        .reverse()
        .sort(compareCells)
        .map((c) => c.key),
      expected,
    );
  });
});

describe('summarizeCells', () => {
  it('folds repetitions: mean throughput, worst latency, errors over all requests', () => {
    const record = buildCampaignRecord({
      server: { instances: [2] },
      load: { concurrency: [8] },
      repetitions: 3,
      throughput: () => 100,
      failedShare: (cell) => (cell.repetition === 1 ? 0.1 : 0),
    });
    const [summary, ...rest] = summarizeCells(record);
    assert.equal(rest.length, 0);
    assert.ok(summary);
    assert.equal(summary.key, 's00-l00');
    assert.equal(summary.label, 'instances=2 · concurrency=8');
    const metrics = record.results.map((r) => r.metrics);
    const mean = metrics.reduce((sum, m) => sum + m.outputTokensPerSecond, 0) / 3;
    assert.ok(Math.abs(summary.outputTokensPerSecond - mean) < 1e-9);
    assert.equal(summary.e2eP95, Math.max(...metrics.map((m) => m.e2eP95 ?? 0)));
    const requests = metrics.reduce((sum, m) => sum + m.requests, 0);
    assert.equal(summary.errorShare, (metrics[0]?.failed ?? 0) / requests);
    assert.equal(summary.e2eSample.length, 600);
  });
});

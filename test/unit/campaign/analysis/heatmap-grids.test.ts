// The heatmaps' grids: the first two varying server factors, one grid per load level, failed positions marked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCells } from '../../../../src/campaign/analysis/cell-summaries.ts';
import { buildHeatmapGrids, listFactorValues } from '../../../../src/campaign/analysis/heatmap-grids.ts';
import { buildCampaignRecord } from '../../../helpers/campaign-record.ts';

describe('buildHeatmapGrids', () => {
  it('lays out throughput and p95 per load level over the first two varying server factors', () => {
    const record = buildCampaignRecord({
      server: { model: ['tiny'], instances: [4, 2], parallel_slots: [1, 2, 4] },
      load: { concurrency: [8, 32] },
      noise: 0,
      throughput: (server, load) =>
        Number(server['instances']) * Number(server['parallel_slots']) * Number(load['concurrency']),
      // s05 is instances=2, parallel_slots=4.
      outcome: (cell) => (cell.id.startsWith('s05-') ? 'failed' : 'passed'),
    });
    const { factors, grids, reason } = buildHeatmapGrids(record, summarizeCells(record));
    assert.equal(reason, undefined);
    assert.deepEqual(factors, ['instances', 'parallel_slots']);
    assert.deepEqual(
      grids.map((g) => g.loadLabel),
      ['concurrency=8', 'concurrency=32'],
    );
    const grid = grids[1];
    assert.ok(grid);
    assert.deepEqual(grid.columns, [2, 4]);
    assert.deepEqual(grid.rows, [1, 2, 4]);
    assert.deepEqual(grid.throughput, [
      [64, 128],
      [128, 256],
      [undefined, 512],
    ]);
    assert.deepEqual(grid.failed, [
      [false, false],
      [false, false],
      [true, false],
    ]);
    assert.equal(grid.e2eP95[2]?.[0], undefined);
    assert.equal(typeof grid.e2eP95[0]?.[0], 'number');
  });

  it('says why a single-factor campaign has no heatmap', () => {
    const record = buildCampaignRecord({
      server: { instances: [1, 2, 4], parallel_slots: [2] },
      load: { concurrency: [8] },
      throughput: () => 10,
    });
    const { grids, reason } = buildHeatmapGrids(record, summarizeCells(record));
    assert.deepEqual(grids, []);
    assert.match(reason ?? '', /^only instances varies: a heatmap needs two server factors/);
  });

  it('orders numbers ascending and other values as they came', () => {
    assert.deepEqual(listFactorValues([8, 2, 4, 2]), [2, 4, 8]);
    assert.deepEqual(listFactorValues(['q8', 'f16', 'q8', 4]), ['q8', 'f16', 4]);
  });
});

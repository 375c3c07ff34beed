// Scaling from a campaign record: the best configuration at each N is what is fitted, failed cells are left
// out, efficiency is against X(1), and a decline past the USL's peak is explained.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCells } from '../../../../src/campaign/analysis/cell-summaries.ts';
import {
  analyzeScaling,
  chooseScalingFactors,
  selectScalingPoints,
} from '../../../../src/campaign/analysis/scaling-analysis.ts';
import { amdahlCurve, buildCampaignRecord, uslCurve } from '../../../helpers/campaign-record.ts';

describe('analyzeScaling', () => {
  it('recovers the simulated tensor-parallel sequential fraction from the best load level per N', () => {
    const s = 0.12;
    const tp = amdahlCurve('tensor_parallel', 400, s);
    const record = buildCampaignRecord({
      server: { tensor_parallel: [1, 2, 4, 8] },
      load: { concurrency: [4, 32] },
      repetitions: 3,
      // Four users cannot saturate the server: the fit must use the 32-user level.
      throughput: (server, load) => tp(server) * (load['concurrency'] === 4 ? 0.3 : 1),
      seed: 5,
    });
    const [analysis, ...others] = analyzeScaling(record);
    assert.equal(others.length, 0);
    assert.ok(analysis);
    assert.equal(analysis.factor, 'tensor_parallel');
    assert.deepEqual(
      analysis.points.map((p) => p.n),
      [1, 2, 4, 8],
    );
    assert.ok(analysis.points.every((p) => p.key.endsWith('-l01') && p.observations.length === 3));
    const fit = analysis.amdahl?.fit;
    assert.ok(fit && Math.abs(fit.s - s) <= 0.02, `s ${fit?.s}`);
    assert.deepEqual(analysis.baseline?.source, 'measured');
    const [one, , , eight] = analysis.points;
    assert.equal(one?.efficiency, 1);
    // Amdahl's efficiency at 8 is 1 / (1 + 7 s) = 0.54.
    assert.ok(Math.abs((eight?.efficiency ?? 0) - 1 / (1 + 7 * s)) < 0.05, String(eight?.efficiency));
    assert.equal(analysis.declineExplained, false);
  });

  it('explains the decline from 12 to 16 instances with the USL, efficiency against the fitted X(1)', () => {
    const record = buildCampaignRecord({
      server: { instances: [2, 4, 8, 12, 16], parallel_slots: [1, 4] },
      load: { concurrency: [64] },
      repetitions: 2,
      throughput: (server) =>
        uslCurve('instances', 60, 0.04, 0.008)(server) * (server['parallel_slots'] === 4 ? 1 : 0.5),
    });
    const [analysis] = analyzeScaling(record);
    assert.ok(analysis?.usl);
    assert.equal(analysis.factor, 'instances', 'parallel_slots is a factor too but is fitted apart');
    assert.ok(analysis.points.every((p) => p.label.includes('parallel_slots=4')));
    const [, , , twelve, sixteen] = analysis.points;
    assert.ok((sixteen?.measured ?? 0) < (twelve?.measured ?? 0));
    assert.ok(analysis.usl.fit.kappa > 0);
    assert.ok((analysis.usl.fit.peakN ?? 99) < 16, String(analysis.usl.fit.peakN));
    assert.equal(analysis.declineExplained, true);
    assert.equal(analysis.baseline?.source, 'fitted');
    assert.ok(
      analysis.points.every(
        (p) => p.efficiency !== undefined && p.amdahl !== undefined && p.usl !== undefined,
      ),
    );
  });

  it('leaves failed cells out of the fit and says when a law cannot be fitted', () => {
    const record = buildCampaignRecord({
      server: { instances: [1, 2, 4] },
      load: { concurrency: [8] },
      throughput: amdahlCurve('instances', 100, 0.1),
      outcome: (cell) => (cell.server['instances'] === 4 ? 'failed' : 'passed'),
    });
    const summaries = summarizeCells(record);
    assert.deepEqual(
      selectScalingPoints('instances', summaries).map((p) => p.n),
      [1, 2],
    );
    const [analysis] = analyzeScaling(record);
    assert.ok(analysis?.amdahl);
    assert.equal(analysis.usl, undefined);
    assert.deepEqual(analysis.notes, ['instances: the USL needs at least 3 values of instances served']);
  });

  it('fits only numeric factors of at least 1 that vary', () => {
    const record = buildCampaignRecord({
      server: {
        instances: [2],
        gpu_memory_utilization: [0.8, 0.9],
        flash_attn: [true, false],
        threads: [2, 4],
      },
      load: { concurrency: [8] },
      throughput: () => 100,
    });
    assert.deepEqual(chooseScalingFactors(record, summarizeCells(record)), ['threads']);
  });
});

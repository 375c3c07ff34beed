import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTuneModel } from '../../../../src/report/tune/tune-model.ts';
import { searchTune } from '../../../../src/tune/search-tune.ts';
import { gridCandidates } from '../../../../src/tune/tune-space.ts';
import { DEFAULT_TUNE, type TuneRecord } from '../../../../src/tune/types.ts';

const factors = [
  { name: 'parallel_slots', values: [1, 2, 4, 8, 16] },
  { name: 'threads_gen', values: [1, 2, 4, 8] },
];

async function record(): Promise<TuneRecord> {
  const grid = gridCandidates(factors);
  const settings = { ...DEFAULT_TUNE, fullSeconds: 60, cellsPerConfig: 1 };
  const result = await searchTune(
    grid,
    settings,
    async (c, seconds) => ({
      score: 10 - 8 * ((c.x[0] ?? 0) - 0.7) ** 2 - 12 * ((c.x[1] ?? 0) - 0.4) ** 2,
      held: (c.x[0] ?? 0) < 1,
      loadSeconds: seconds,
      runIds: [`run-${c.index}`],
      detail: 'at concurrency=8',
    }),
    () => {},
  );
  return {
    id: 'quick-0123456789ab',
    spec: { path: 'config/sweeps/quick.yaml', name: 'quick', hash: 'h' },
    server: 'local-llama',
    basePreset: 'conservative',
    objective: 'ttft_p95=2s,errors=1%',
    factors,
    loads: [{ concurrency: 8 }],
    settings,
    skipped: [{ candidate: 20, label: 'parallel_slots=64', reason: 'needs 80 GiB' }],
    result,
    startedAt: '2026-12-05T10:00:00.000Z',
    endedAt: '2026-12-05T10:10:00.000Z',
    partial: false,
    preset: { name: 'tuned', file: 'config/llama.yaml' },
  };
}

describe('buildTuneModel', () => {
  it('names the picks, the load against the sweep, every decision and cell, and draws three charts', async () => {
    const r = await record();
    const model = buildTuneModel(r);
    assert.equal(model.title, 'quick on local-llama');
    assert.deepEqual(
      model.picks.map((p) => p.name),
      ['best', 'runner-up'],
    );
    assert.equal(model.picks[0]?.label, 'parallel_slots=8 threads_gen=2');
    assert.match(
      model.load,
      /^\d+ s of load in \d+ cells: \d+\.\d% of the exhaustive sweep's 1200 s\. Stopped: /,
    );
    assert.equal(model.decisions.length, r.result.decisions.length);
    assert.equal(model.trials.length, r.result.trials.length);
    assert.equal(model.trials[0]?.runs, `run-${r.result.trials[0]?.candidate ?? ''}`);
    assert.deepEqual(model.skipped, [{ label: 'parallel_slots=64', reason: 'needs 80 GiB' }]);
    assert.equal(model.preset, 'tuned in config/llama.yaml');
    assert.equal(model.partial, null);
    assert.deepEqual(
      model.charts.map((c) => c.id),
      ['tune-model', 'tune-measured', 'tune-course'],
    );
  });

  it('puts every configuration on the surface: the model everywhere, measurements only where run', async () => {
    const r = await record();
    const model = buildTuneModel(r);
    // Each measured cell is a group carrying its value; the rows count them in data-points.
    const cells = (svg: string): number => (svg.match(/<g data-value="/g) ?? []).length;
    const [surface, measured] = model.charts;
    assert.ok(surface && measured);
    // 5 slot levels x 4 thread levels, each a labelled cell in the model's heatmap.
    const tried = new Set(r.result.trials.map((t) => t.candidate)).size;
    assert.equal(cells(surface.svg), 20);
    assert.equal(cells(measured.svg), tried);
  });

  it('says a tuning was cut short', async () => {
    const model = buildTuneModel({ ...(await record()), partial: true });
    assert.match(model.partial ?? '', /interrupted after \d+ cell\(s\)/);
  });
});

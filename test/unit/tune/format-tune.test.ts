import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeWinnerCapacity, formatTunePlan, formatTuneSummary } from '../../../src/tune/format-tune.ts';
import { gridCandidates } from '../../../src/tune/tune-space.ts';
import { DEFAULT_TUNE, type TuneRecord } from '../../../src/tune/types.ts';

const candidates = gridCandidates([
  { name: 'parallel_slots', values: [1, 2, 4, 8] },
  { name: 'threads_gen', values: [1, 2] },
  { name: 'batch_size', values: [64, 256, 2048] },
]);
const settings = { ...DEFAULT_TUNE, fullSeconds: 30, cellsPerConfig: 1 };

describe('formatTunePlan', () => {
  it('says what will be searched, the rungs and the load budget against the exhaustive sweep', () => {
    const text = formatTunePlan({
      id: 'tune-local-1',
      spec: { path: 'config/sweeps/tune-local.yaml' },
      server: 'local-llama',
      objective: 'ttft_p95=2s',
      candidates,
      skipped: [{ label: 'parallel_slots=64', reason: 'needs 80 GiB' }],
      settings,
    });
    assert.deepEqual(text.split('\n'), [
      'tune tune-local-1: spec config/sweeps/tune-local.yaml on server local-llama, objective ttft_p95=2s',
      'configurations: 24 to search, 1 skipped; 1 load level(s) each',
      '  skipped parallel_slots=64: needs 80 GiB',
      'rungs: 8 x 7.5 s, then 4 x 15.0 s, then up to 2 x 30.0 s (successive halving, eta 2, promoted by a Gaussian process)',
      "load budget: 3m00s = 25% of the exhaustive sweep's 12m00s (plus a deploy per cell)",
    ]);
  });
});

describe('formatTuneSummary', () => {
  it('prints the best, the runner-up, the load used and the preset written', () => {
    const trial = (candidate: number, score: number, held = true) => ({
      candidate,
      rung: 2,
      cellSeconds: 30,
      score,
      held,
      loadSeconds: 30,
      runIds: [],
    });
    const record = {
      result: {
        candidates,
        trials: [trial(5, 12.5), trial(9, 13, false), trial(7, 11)],
        decisions: [],
        rungSeconds: [4, 10, 30],
        best: 5,
        runnerUp: 7,
        loadSeconds: 90,
        exhaustiveSeconds: 720,
        stoppedBy: 'converged',
        estimates: [
          { candidate: 5, mean: 12.4, sd: 1 },
          { candidate: 7, mean: 11.2, sd: 1 },
          { candidate: 9, mean: 13.1, sd: 1 },
        ],
      },
      preset: { name: 'tuned', file: 'config/llama.yaml' },
    } as unknown as TuneRecord;
    assert.deepEqual(formatTuneSummary(record).split('\n'), [
      'best       parallel_slots=1 threads_gen=2 batch_size=2048: goodput 12.50 req/s in a full cell (model 12.40)',
      'runner-up  parallel_slots=2 threads_gen=1 batch_size=256: goodput 11.00 req/s in a full cell (model 11.20)',
      "load used  1m30s in 3 cells = 13% of the exhaustive sweep's 12m00s; stopped: converged",
      'preset     tuned written to config/llama.yaml (make deploy PRESET=tuned)',
    ]);
  });
});

describe('describeWinnerCapacity', () => {
  it("names the winner's rate, break and verdict, and where its search is", () => {
    assert.equal(
      describeWinnerCapacity({
        id: 'cap-1',
        dir: '/b/capacity/cap-1',
        maxSustainableRate: 12.5,
        breakingRate: 20,
        verdict: 'slot-bound: every slot busy',
        partial: false,
      }),
      'max sustainable 12.50 req/s, breaking point 20.00 req/s; slot-bound: every slot busy; benchmarks/capacity/cap-1/capacity.html',
    );
    assert.equal(
      describeWinnerCapacity({ id: 'cap-2', dir: '/b', partial: true }),
      'max sustainable not found, breaking point not found; partial search, benchmarks/capacity/cap-2/capacity.html',
    );
  });
});

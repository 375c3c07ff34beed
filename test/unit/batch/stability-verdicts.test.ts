import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BatchStats } from '../../../src/batch/batch-stats.ts';
import {
  computeCv,
  computeSlope,
  DEFAULT_THRESHOLDS,
  judgeStability,
} from '../../../src/batch/stability-verdicts.ts';

const MB = 1024 ** 2;

function stats(batch: number, fields: Partial<BatchStats>): BatchStats {
  return {
    batch,
    mode: 'client',
    resumed: false,
    requests: 10,
    succeeded: 10,
    failed: 0,
    errorKinds: {},
    durationMs: 1000,
    reqPerSec: 10,
    meanRequestMs: 100,
    medianRequestMs: 100,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: undefined,
    rssBytes: { before: 100 * MB, after: 100 * MB, peak: 100 * MB },
    gpuMiB: undefined,
    loadEvents: [],
    firstRequestsSpikeMs: undefined,
    samples: [],
    ...fields,
  };
}

describe('stability verdicts', () => {
  it('computes slope and coefficient of variation', () => {
    assert.equal(computeSlope([1, 2, 3]), 1);
    assert.equal(computeCv([10, 10]), 0);
    assert.ok(Math.abs(computeCv([9, 11]) - 0.1) < 1e-9);
  });

  it('finds a healthy run healthy', () => {
    const v = judgeStability(
      [1, 2, 3].map((b) => stats(b, {})),
      DEFAULT_THRESHOLDS,
    );
    assert.deepEqual(
      [v.memory.verdict, v.throughput.verdict, v.reload.verdict, v.success.verdict],
      ['flat', 'consistent', 'stayed loaded', 'all succeeded'],
    );
  });

  it('calls a big delta, or steady growth every batch, a leak', () => {
    const big = [stats(1, { rssBytes: { before: 0, after: 600 * MB, peak: 600 * MB } })];
    assert.equal(judgeStability(big, DEFAULT_THRESHOLDS).memory.verdict, 'leak');
    const steady = [1, 2, 3].map((b) =>
      stats(b, { rssBytes: { before: (b - 1) * 120 * MB, after: b * 120 * MB, peak: b * 120 * MB } }),
    );
    assert.match(judgeStability(steady, DEFAULT_THRESHOLDS).memory.reason, /grew in every batch/);
  });

  it('does not judge memory without samples', () => {
    assert.equal(
      judgeStability([stats(1, { rssBytes: undefined })], DEFAULT_THRESHOLDS).memory.verdict,
      'not judged',
    );
  });

  it('tells degrading from variable throughput', () => {
    const falling = [10, 8, 6].map((r, i) => stats(i + 1, { reqPerSec: r }));
    assert.equal(judgeStability(falling, DEFAULT_THRESHOLDS).throughput.verdict, 'degrading');
    const jumpy = [10, 6, 10].map((r, i) => stats(i + 1, { reqPerSec: r }));
    assert.equal(judgeStability(jumpy, DEFAULT_THRESHOLDS).throughput.verdict, 'variable');
  });

  it('counts a load after the first batch, or a later first-request spike, as a reload', () => {
    const cold = [stats(1, { loadEvents: [{ customId: 'a', loadMs: 2000 }] }), stats(2, {})];
    assert.equal(judgeStability(cold, DEFAULT_THRESHOLDS).reload.verdict, 'stayed loaded');
    const spike = [stats(1, {}), stats(2, { firstRequestsSpikeMs: 3000 })];
    assert.equal(judgeStability(spike, DEFAULT_THRESHOLDS).reload.verdict, 'reloaded');
  });

  it('reports failures', () => {
    const v = judgeStability([stats(1, { failed: 1, succeeded: 9 })], DEFAULT_THRESHOLDS);
    assert.deepEqual([v.success.verdict, v.success.rate], ['failures', 0.9]);
  });
});

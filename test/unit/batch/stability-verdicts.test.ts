import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseNvidiaSmiCsvLine } from '../../../src/diagnose/gpu/nvidia-smi.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import type { BatchStats } from '../../../src/batch/batch-stats.ts';
import { DEFAULT_THRESHOLDS, judgeStability } from '../../../src/batch/stability-verdicts.ts';
import { computeCv, computeSlope } from '../../../src/diagnose/soak/trend.ts';

const MB = 1024 ** 2;

// memory.used (MiB) of each nvidia-smi line recorded on a real H200 (test/fixtures/diagnose/README.md).
function recordedGpuMiB(fixture: string): number[] {
  return readFileSync(join(projectRoot, 'test/fixtures', fixture), 'utf8')
    .split('\n')
    .map((line) => parseNvidiaSmiCsvLine(line)?.vramUsedBytes)
    .filter((bytes): bytes is number => bytes !== undefined)
    .map((bytes) => bytes / MB);
}

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

  it('judges GPU memory from recorded H200 samples beside RSS: idle is flat, an allocation that stays is a leak', () => {
    const idle = recordedGpuMiB('gpu/nvidia-smi-h200-idle.csv');
    assert.equal(idle.length, 6);
    const ranges = (mib: number[]) =>
      [1, 2, 3].map((b) => {
        const before = mib[b - 1] ?? 0;
        const after = mib[b] ?? 0;
        return stats(b, { gpuMiB: { before, after, peak: Math.max(before, after) } });
      });
    const flat = judgeStability(ranges(idle), DEFAULT_THRESHOLDS).memory;
    assert.equal(flat.verdict, 'flat', flat.reason);
    assert.equal(flat.gpu?.verdict, 'flat');
    assert.equal(flat.gpu?.deltaBytes, 0);
    // Under load the same GPU went 0 -> 1 -> 1139 MiB and stayed there.
    const busy = recordedGpuMiB('diagnose/sampler-h200-busy.txt');
    assert.deepEqual(busy.slice(2), [0, 1, 1139, 1139]);
    const grown = judgeStability(ranges(busy.slice(2)), DEFAULT_THRESHOLDS).memory;
    assert.equal(grown.verdict, 'leak', 'RSS is flat: the GPU alone makes the leak');
    assert.equal(grown.gpu?.verdict, 'leak');
    assert.match(
      grown.reason,
      /RSS changed 0\.0 MB.*; GPU memory grew 1138\.0 MB, after batch 1's warm-up \(\+1\.0 MB\) \(limit 512\.0 MB\)/,
    );
  });

  it("judges memory after batch 1's warm-up: a cold server's one-time growth is no leak", () => {
    // The real llama-server, 3 x 300 requests of 64 tokens (docs/batch.md): KV pages touched in batch 1.
    const mbs = [115.2, 459.3, 471.4, 477.3];
    const batches = [1, 2, 3].map((b) =>
      stats(b, {
        rssBytes: {
          before: (mbs[b - 1] ?? 0) * MB,
          after: (mbs[b] ?? 0) * MB,
          peak: (mbs[b] ?? 0) * MB,
        },
      }),
    );
    const memory = judgeStability(batches, DEFAULT_THRESHOLDS).memory;
    assert.equal(memory.verdict, 'flat', memory.reason);
    assert.match(
      memory.reason,
      /^RSS changed 18\.0 MB, 9\.0 MB per batch, after batch 1's warm-up \(\+344\.1 MB\)$/,
    );
    // Two batches have no warm-up to set apart: the whole growth counts.
    const two = judgeStability(batches.slice(0, 2), DEFAULT_THRESHOLDS).memory;
    assert.equal(Math.round(((two.deltaBytes ?? 0) / MB) * 10) / 10, 356.2);
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

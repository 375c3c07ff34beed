import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/results/run-analysis.ts';
import {
  runMeta as meta,
  sampleDiagnostics as diagnostics,
  sampleMetricLines as metricLines,
  sampleSummary as summary,
  writeRunFolder,
  type RunFiles,
} from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-analysis-'));
const writeRun = (name: string, files: RunFiles): string => writeRunFolder(root, name, files);

describe('analyzeRun on a complete run folder', async () => {
  const dir = writeRun('complete', {
    meta: meta('20260821-070000-light-abc123'),
    summary,
    metrics: `${metricLines().join('\n')}\n`,
    // The sampler was writing a line when the run stopped.
    diagnostics: `${diagnostics.map((d) => JSON.stringify(d)).join('\n')}\n{"source":"host","t":19`,
  });
  const run = await analyzeRun(dir);

  it('takes the headline from summary.json and the test duration from its counters', () => {
    assert.deepEqual(run.missing, []);
    assert.deepEqual(run.truncated, ['diagnostics.jsonl']);
    assert.equal(run.durationSeconds, 5);
    assert.equal(run.headline.source, 'summary');
    assert.equal(run.headline.requests, 10);
    assert.equal(run.headline.failed, 1);
    assert.equal(run.headline.errorShare, 0.1);
    assert.equal(run.headline.requestsPerSecond, 2);
    assert.equal(run.headline.outputTokensPerSecond, 18);
    assert.equal(run.headline.peakOutputTokensPerSecond, 20);
    assert.deepEqual(run.headline.ttft, { p50: 120, p90: 125, p95: 126, p99: 129, count: 9 });
    assert.equal(run.headline.e2e?.p95, 1006);
    assert.deepEqual(run.headline.errorsByKind, { http_503: 1 });
    assert.deepEqual(run.thresholds, [
      { metric: 'llm_errors', expression: 'rate<0.01', ok: false },
      { metric: 'llm_ttft', expression: 'p(95)<2000', ok: true },
    ]);
  });

  it('computes the series, the concurrency curve and the distributions from metrics.json.gz', () => {
    assert.equal(run.series.length, 5);
    assert.deepEqual(
      run.series.map((b) => [b.activeVus, b.requests, b.failed, b.outputTokensPerSecond]),
      [
        [2, 2, 0, 20],
        [2, 2, 0, 20],
        [2, 2, 0, 20],
        [2, 2, 1, 10],
        [2, 2, 0, 20],
      ],
    );
    assert.equal(run.concurrency?.levelKind, 'vus');
    assert.deepEqual(
      run.concurrency?.levels.map((l) => [
        l.concurrency,
        l.buckets,
        l.requests,
        l.errorShare,
        l.outputTokensPerSecond,
      ]),
      [[2, 4, 8, 0.125, 17.5]],
    );
    assert.equal(run.distributions.ttft.count, 9);
    assert.equal(run.distributions.itl.count, 9);
    assert.equal(run.requests.records.length, 10);
  });

  it('computes goodput against the default SLO (TTFT 2 s, TPOT 100 ms, E2E 10 s)', () => {
    assert.deepEqual(run.goodput, {
      slo: { ttftMs: 2000, tpotMs: 100, e2eMs: 10_000 },
      total: 10,
      unjoinable: 0,
      met: 8,
      share: 0.8,
      goodputPerSecond: 1.6,
      ignoredTargets: [],
    });
  });

  it('turns diagnostics.jsonl into time series, skipping unknown sources and the cut last line', () => {
    const d = run.diagnostics;
    assert.ok(d);
    assert.deepEqual(d.cpuHeatmap, {
      cpus: [0, 1],
      t: [0, 1],
      busy: [
        [10, 30],
        [20, 50],
      ],
    });
    assert.deepEqual(d.memory, [
      { t: 1.5, totalBytes: 1000, usedBytes: 600, availableBytes: 400, swapUsedBytes: 0 },
    ]);
    assert.deepEqual(d.process, [{ t: 1.5, cpuPercent: 150, rssBytes: 300 }]);
    assert.deepEqual(d.hostPressure[0], { t: 0.5, load1: 0.5, runQueue: 1 });
    assert.deepEqual(
      d.gpus.map((g) => [g.index, g.name, g.points]),
      [
        [0, 'H200', [{ t: 1, utilPercent: 80, vramUsedBytes: 6, vramTotalBytes: 10 }]],
        [1, undefined, [{ t: 1, utilPercent: 90, vramUsedBytes: 5, vramTotalBytes: 10 }]],
      ],
    );
    assert.deepEqual(d.slots, [{ t: 1, busySlots: 2, totalSlots: 4, deferred: 0 }]);
    assert.deepEqual(d.serverTokens, [{ t: 1, outputTokensPerSec: 20 }]);
    assert.deepEqual(d.client, [{ t: 1, cpuPercent: 12, eventLoopLagMs: 3 }]);
    assert.deepEqual(d.notes, [{ t: 0, sampler: 'gpu', level: 'info', message: 'nvidia-smi found' }]);
    assert.equal(d.ignoredLines, 1);
  });

  it('applies another SLO and bucket size when asked', async () => {
    const strict = await analyzeRun(dir, { slo: { ttftMs: 120 }, bucketMs: 2500 });
    // TTFTs 100..141: 100, 101, 110, 111, 120 meet 120 ms.
    assert.equal(strict.goodput.met, 5);
    assert.deepEqual(
      strict.series.map((b) => b.requests),
      [5, 5],
    );
    assert.equal(strict.diagnostics?.cpuHeatmap.t.length, 1);
  });
});

describe('analyzeRun on incomplete folders', () => {
  it('analyses a run that crashed before summary.json from its metric points, and says what is missing', async () => {
    const lines = metricLines();
    const dir = writeRun('crashed', {
      meta: meta('20260821-070000-light-def456', { partial: true, endedAt: undefined, exitCode: undefined }),
      // The gzip stream itself is whole, but its last line was cut: the run was killed mid-write.
      metrics: `${lines.join('\n')}\n${lines[2]?.slice(0, 30)}`,
    });
    const run = await analyzeRun(dir);
    assert.deepEqual(run.missing, ['summary.json', 'diagnostics.jsonl']);
    assert.deepEqual(run.truncated, ['metrics.json.gz']);
    // No endedAt: the last point (4-1 at 4.6 s) ends the run.
    assert.equal(run.durationSeconds, 4.6);
    assert.equal(run.headline.source, 'metrics');
    assert.equal(run.headline.requests, 10);
    assert.equal(run.headline.failed, 1);
    assert.equal(run.headline.ttft?.count, 9);
    // TTFTs 100, 101, 110, 111, 120, 121, 131, 140, 141: p50 is the fifth.
    assert.equal(run.headline.ttft?.p50, 120);
    assert.equal(run.headline.outputTokensPerSecond, 90 / 4.6);
    assert.equal(run.diagnostics, undefined);
    assert.deepEqual(run.thresholds, []);
  });

  it('analyses a folder with only meta.json', async () => {
    const dir = writeRun('bare', { meta: meta('20260821-070000-light-0a0b0c') });
    const run = await analyzeRun(dir);
    assert.deepEqual(run.missing, ['summary.json', 'metrics.json.gz', 'diagnostics.jsonl']);
    assert.equal(run.headline.source, 'none');
    assert.deepEqual(run.series, []);
    assert.equal(run.concurrency, undefined);
    assert.equal(run.goodput.reason, 'no-requests');
    assert.equal(run.durationSeconds, 6);
  });

  it('throws naming the folder and meta.json when there is no meta.json', async () => {
    const dir = writeRun('no-meta', { metrics: '' });
    await assert.rejects(
      analyzeRun(dir),
      (error: Error) => error.message.includes(dir) && error.message.includes('meta.json'),
    );
  });
});

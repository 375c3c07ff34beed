import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DamagedRunFileError } from '../../../src/results/damaged-run-file.ts';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
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

describe('analyzeRun on damaged files', () => {
  const metricsText = `${metricLines().join('\n')}\n`;
  const damaged = (name: string, files: RunFiles, overwrite: Record<string, string | Buffer>): string => {
    const dir = writeRun(name, { meta: meta(name), ...files });
    for (const [file, content] of Object.entries(overwrite)) writeFileSync(join(dir, file), content);
    return dir;
  };

  it('reads random bytes in metrics.json.gz as damage, not an error, and keeps the summary', async () => {
    const dir = damaged(
      'random-metrics',
      { summary },
      { 'metrics.json.gz': Buffer.concat([Buffer.from('PK'), randomBytes(2048)]) },
    );
    const run = await analyzeRun(dir);
    assert.deepEqual(run.damage, [
      {
        path: join(dir, 'metrics.json.gz'),
        file: 'metrics.json.gz',
        problem: 'not gzip (incorrect header check)',
        recovered:
          'nothing could be read from it: no per-second series, distributions, error kinds or goodput',
        unusable: true,
      },
    ]);
    assert.deepEqual(run.missing, ['diagnostics.jsonl']);
    assert.equal(run.headline.source, 'summary');
    assert.equal(run.headline.requests, 10);
    assert.deepEqual(run.series, []);
    assert.equal(run.concurrency, undefined);
  });

  it('reads a gzip cut before its trailer up to the cut, and says what is missing after it', async () => {
    const gz = gzipSync(metricsText);
    const dir = damaged('cut-metrics', {}, { 'metrics.json.gz': gz.subarray(0, gz.length - 8) });
    const run = await analyzeRun(dir);
    assert.deepEqual(run.damage, [
      {
        path: join(dir, 'metrics.json.gz'),
        file: 'metrics.json.gz',
        problem: 'cut short (the gzip stream ends without its trailer)',
        // Every Point of the sample: 5 of vus, 7 for each of the 9 successful requests, 1 for the failed one.
        recovered: 'read 69 points up to there (4.6 s into the run) — figures after that moment are missing',
        unusable: false,
      },
    ]);
    assert.deepEqual(run.truncated, ['metrics.json.gz']);
    assert.equal(run.headline.source, 'metrics');
    assert.equal(run.headline.requests, 10);
  });

  it('says a truncated summary.json is damaged, not missing, and recomputes the figures from the metrics', async () => {
    const text = JSON.stringify(summary, null, 4);
    const dir = damaged('cut-summary', { metrics: metricsText }, { 'summary.json': text.slice(0, 200) });
    const run = await analyzeRun(dir);
    assert.deepEqual(run.missing, ['diagnostics.jsonl']);
    assert.deepEqual(run.damage, [
      {
        path: join(dir, 'summary.json'),
        file: 'summary.json',
        problem: `not valid JSON (Unexpected end of JSON input at line ${text.slice(0, 200).split('\n').length})`,
        recovered:
          "the run's summary is damaged; the figures are recomputed from metrics.json.gz (the thresholds cannot be)",
        unusable: true,
      },
    ]);
    assert.equal(run.headline.source, 'metrics');
    assert.equal(run.headline.requests, 10);
    assert.equal(run.headline.failed, 1);
    assert.deepEqual(run.thresholds, []);
  });

  it('says when a damaged summary.json cannot be recovered because metrics.json.gz is damaged too', async () => {
    const dir = damaged('all-damaged', {}, { 'summary.json': '{', 'metrics.json.gz': 'not gzip' });
    const run = await analyzeRun(dir);
    assert.deepEqual(
      run.damage?.map((d) => [d.file, d.problem, d.recovered]),
      [
        [
          'metrics.json.gz',
          'not gzip (incorrect header check)',
          'nothing could be read from it: no per-second series, distributions, error kinds or goodput',
        ],
        [
          'summary.json',
          'not valid JSON (Unexpected end of JSON input at line 1)',
          "the run's summary is damaged and cannot be recovered: metrics.json.gz is unreadable too",
        ],
      ],
    );
    assert.equal(run.headline.source, 'none');
  });

  it('refuses a corrupt meta.json, naming the file and the damage', async () => {
    const dir = damaged('bad-meta', { summary }, { 'meta.json': '{"id": "bad-meta", "startedAt": ' });
    await assert.rejects(analyzeRun(dir), (error: unknown) => {
      assert.ok(error instanceof DamagedRunFileError);
      assert.equal(error.damage.path, join(dir, 'meta.json'));
      assert.equal(error.damage.problem, 'not valid JSON (Unexpected end of JSON input at line 1)');
      return true;
    });
  });

  it("takes the id of a copied run folder from the folder's name, and keeps meta.json's aside", async () => {
    const dir = writeRun('copied-run', { meta: meta('20260821-070000-light-abc123'), summary });
    const run = await analyzeRun(dir);
    assert.equal(run.meta.id, 'copied-run');
    assert.equal(run.recordedId, '20260821-070000-light-abc123');
    assert.deepEqual(run.damage, []);
  });
});

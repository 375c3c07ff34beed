import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzeRun } from '../../../src/results/run-analysis.ts';
import type { RunMeta } from '../../../src/results/run-store.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-analysis-'));
const T0 = Date.UTC(2026, 7, 21, 7, 0, 0);

function meta(id: string, extra: Partial<RunMeta> = {}): RunMeta {
  return {
    id,
    profile: 'light',
    engine: 'embedded',
    engineVersion: 'inferload 0.1.0',
    target: 'http://127.0.0.1:8080',
    api: 'openai',
    stream: true,
    env: { MODE: 'vus' },
    startedAt: new Date(T0).toISOString(),
    endedAt: new Date(T0 + 6000).toISOString(),
    exitCode: 0,
    partial: false,
    host: { hostname: 'h', platform: 'linux', cpus: 2, cpuModel: 'x', memoryBytes: 1 },
    toolkitVersion: '0.1.0',
    ...extra,
  };
}

function line(metric: string, ms: number, value: number, tags = {}, requestId?: string): string {
  const data = {
    time: new Date(T0 + ms).toISOString(),
    value,
    tags,
    ...(requestId ? { metadata: { request_id: requestId } } : {}),
  };
  return JSON.stringify({ metric, type: 'Point', data });
}

/** Five seconds at 2 VUs, two requests finishing per second: 0-3 fails (http_503), 4-1 is slow per token. */
function metricLines(): string[] {
  const lines = [JSON.stringify({ type: 'Metric', data: { name: 'vus', type: 'gauge' }, metric: 'vus' })];
  for (let s = 0; s < 5; s++) {
    lines.push(line('vus', s * 1000 + 500, 2));
    for (const n of [0, 1]) {
      const id = `${s}-${n}`;
      const at = s * 1000 + 200 + n * 400;
      if (id === '3-0') {
        lines.push(line('llm_errors', at, 1, { error_kind: 'http_503' }, id));
        continue;
      }
      const e2e = id === '4-1' ? 1900 : 1000;
      lines.push(
        line('llm_errors', at, 0, {}, id),
        line('llm_e2e', at, e2e, {}, id),
        line('llm_ttft', at, 100 + s * 10 + n, {}, id),
        line('llm_itl', at, 50, {}, id),
        line('llm_output_tokens', at, 10, {}, id),
        line('llm_output_tokens_total', at, 10, {}, id),
        line('llm_tpot', at, (e2e - 100) / 9, {}, id),
      );
    }
  }
  return lines;
}

function trend(med: number): Record<string, number> {
  return {
    avg: med,
    min: med - 10,
    med,
    max: med + 10,
    'p(90)': med + 5,
    'p(95)': med + 6,
    'p(99)': med + 9,
    count: 9,
  };
}

const summary = {
  root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} },
  metrics: {
    iterations: { count: 10, rate: 2 },
    vus: { value: 2, min: 2, max: 2 },
    llm_errors: { passes: 1, fails: 9, value: 0.1, thresholds: { 'rate<0.01': true } },
    llm_output_tokens_total: { count: 90, rate: 18 },
    llm_ttft: { ...trend(120), thresholds: { 'p(95)<2000': false } },
    llm_itl: trend(50),
    llm_tpot: trend(100),
    llm_e2e: trend(1000),
  },
};

const diagnostics = [
  {
    source: 'host',
    t: 500,
    ts: T0 + 500,
    cpus: [0, 1],
    busy: [10, 20],
    onlineCpus: 2,
    load1: 0.5,
    runQueue: 1,
  },
  {
    source: 'host',
    t: 1500,
    ts: T0 + 1500,
    cpus: [0, 1],
    busy: [30, 40],
    onlineCpus: 2,
    memory: { totalBytes: 1000, availableBytes: 400, swapTotalBytes: 0, swapUsedBytes: 0 },
    process: { pid: 7, cpuPercent: 150, rssBytes: 300 },
  },
  { source: 'host', t: 1700, ts: T0 + 1700, cpus: [1], busy: [60], onlineCpus: 2 },
  {
    source: 'gpu',
    t: 1000,
    ts: T0 + 1000,
    tool: 'nvidia-smi',
    gpus: [
      { index: 1, source: 'nvidia-smi', utilPercent: 90, vramUsedBytes: 5, vramTotalBytes: 10 },
      { index: 0, source: 'nvidia-smi', name: 'H200', utilPercent: 80, vramUsedBytes: 6, vramTotalBytes: 10 },
    ],
  },
  {
    source: 'server',
    t: 1000,
    ts: T0 + 1000,
    busySlots: 2,
    totalSlots: 4,
    deferred: 0,
    outputTokensPerSec: 20,
  },
  { source: 'client', t: 1000, ts: T0 + 1000, cpuPercent: 12, eventLoopLagMs: 3 },
  { source: 'note', t: 0, ts: T0, sampler: 'gpu', level: 'info', message: 'nvidia-smi found' },
  { source: 'future-sampler', t: 0, ts: T0, whatever: 1 },
];

function writeRun(
  name: string,
  files: { meta?: RunMeta; summary?: unknown; metrics?: string; diagnostics?: string },
): string {
  const dir = join(root, name);
  mkdirSync(dir);
  if (files.meta) writeFileSync(join(dir, 'meta.json'), JSON.stringify(files.meta));
  if (files.summary) writeFileSync(join(dir, 'summary.json'), JSON.stringify(files.summary, null, 4));
  if (files.metrics !== undefined) writeFileSync(join(dir, 'metrics.json.gz'), gzipSync(files.metrics));
  if (files.diagnostics !== undefined) writeFileSync(join(dir, 'diagnostics.jsonl'), files.diagnostics);
  return dir;
}

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

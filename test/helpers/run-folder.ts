// Small synthetic run folders (meta.json, summary.json, metrics.json.gz, diagnostics.jsonl) with known numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Diagnosis } from '../../src/diagnose/verdict/diagnosis.ts';
import type { RunMeta } from '../../src/results/run-store.ts';

/** t = 0 of every synthetic run. */
export const T0 = Date.UTC(2026, 7, 21, 7, 0, 0);

/** A finished run's meta.json: the light profile for 6 s against a local target. */
export function runMeta(id: string, extra: Partial<RunMeta> = {}): RunMeta {
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

/** One k6 JSON output Point line, `ms` after T0. */
export function pointLine(metric: string, ms: number, value: number, tags = {}, requestId?: string): string {
  const data = {
    time: new Date(T0 + ms).toISOString(),
    value,
    tags,
    ...(requestId ? { metadata: { request_id: requestId } } : {}),
  };
  return JSON.stringify({ metric, type: 'Point', data });
}

/** Five seconds at 2 VUs, two requests finishing per second: 0-3 fails (http_503), 4-1 is slow per token. */
export function sampleMetricLines(): string[] {
  const lines = [JSON.stringify({ type: 'Metric', data: { name: 'vus', type: 'gauge' }, metric: 'vus' })];
  for (let s = 0; s < 5; s++) {
    lines.push(pointLine('vus', s * 1000 + 500, 2));
    for (const n of [0, 1]) {
      const id = `${s}-${n}`;
      const at = s * 1000 + 200 + n * 400;
      if (id === '3-0') {
        lines.push(pointLine('llm_errors', at, 1, { error_kind: 'http_503' }, id));
        continue;
      }
      const e2e = id === '4-1' ? 1900 : 1000;
      lines.push(
        pointLine('llm_errors', at, 0, {}, id),
        pointLine('llm_e2e', at, e2e, {}, id),
        pointLine('llm_ttft', at, 100 + s * 10 + n, {}, id),
        pointLine('llm_itl', at, 50, {}, id),
        pointLine('llm_output_tokens', at, 10, {}, id),
        pointLine('llm_output_tokens_total', at, 10, {}, id),
        pointLine('llm_tpot', at, (e2e - 100) / 9, {}, id),
      );
    }
  }
  return lines;
}

/** A k6 summary export trend whose median is `med`. */
export function trend(med: number): Record<string, number> {
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

/** summary.json of the sample run: 10 requests in 5 s, 1 failed, 18 output tok/s, one threshold failed. */
export const sampleSummary = {
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

/** diagnostics.jsonl of the sample run: two CPUs, memory, two GPUs, slots, the client, a note, a future source. */
export const sampleDiagnostics = [
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

/** What a synthetic run folder holds; an absent key leaves that file out. */
export interface RunFiles {
  meta?: RunMeta;
  summary?: unknown;
  metrics?: string;
  diagnostics?: string;
  diagnosis?: unknown;
}

/** Writes root/name/ with the given files (metrics gzipped) and returns its path. */
export function writeRunFolder(root: string, name: string, files: RunFiles): string {
  const dir = join(root, name);
  mkdirSync(dir);
  if (files.meta) writeFileSync(join(dir, 'meta.json'), JSON.stringify(files.meta));
  if (files.summary) writeFileSync(join(dir, 'summary.json'), JSON.stringify(files.summary, null, 4));
  if (files.metrics !== undefined) writeFileSync(join(dir, 'metrics.json.gz'), gzipSync(files.metrics));
  if (files.diagnostics !== undefined) writeFileSync(join(dir, 'diagnostics.jsonl'), files.diagnostics);
  if (files.diagnosis !== undefined)
    writeFileSync(join(dir, 'diagnosis.json'), JSON.stringify(files.diagnosis));
  return dir;
}

/** The sample run whole: every file, diagnostics.jsonl ended by a whole line. */
export function writeSampleRun(root: string, name: string, extra: Partial<RunFiles> = {}): string {
  return writeRunFolder(root, name, {
    meta: runMeta(name),
    summary: sampleSummary,
    metrics: `${sampleMetricLines().join('\n')}\n`,
    diagnostics: `${sampleDiagnostics.map((d) => JSON.stringify(d)).join('\n')}\n`,
    ...extra,
  });
}

/** diagnosis.json as `make diagnose` writes it: a GPU-bound verdict, one more finding, a gap. */
export const sampleDiagnosis: Diagnosis = {
  verdict: {
    kind: 'gpu-bound',
    summary: 'GPU-bound: utilisation averaged 97% and throughput rose 3% from 16 to 32 VUs',
    evidence: { meanGpuUtil: 97.24, throughputGain: 0.03, tool: 'nvidia-smi' },
  },
  findings: [
    {
      kind: 'gpu-bound',
      summary: 'GPU-bound: utilisation averaged 97% and throughput rose 3% from 16 to 32 VUs',
      evidence: { meanGpuUtil: 97.24, throughputGain: 0.03, tool: 'nvidia-smi' },
    },
    { kind: 'queueing', summary: 'requests waited for a slot', evidence: { meanDeferred: 3 } },
  ],
  stats: {
    samples: 40,
    loadedSeconds: 38,
    cpus: [0, 1],
    peakCoreBusy: 99.5,
    peakCore: 1,
    meanCpuBusy: 42,
    meanBusyPerCore: [40, 44],
    meanGpuUtil: 97.24,
    memoryHighWaterBytes: 3 * 2 ** 30,
    memoryTotalBytes: 16 * 2 ** 30,
    slotsFullShare: 0.8,
    meanBusySlots: 3.9,
    totalSlots: 4,
    meanDeferred: 3,
    maxDeferred: 7,
  },
  recommendation: 'a bigger GPU or a smaller model: more parallel_slots will not help',
  gaps: ['no /slots: slot use not judged'],
};

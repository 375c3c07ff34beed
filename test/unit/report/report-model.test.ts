import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { buildReportModel, type ReportModel } from '../../../src/report/report-model.ts';
import {
  T0,
  runMeta,
  sampleDiagnosis,
  sampleMetricLines,
  writeRunFolder,
  writeSampleRun,
} from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-report-model-'));

function charts(model: ReportModel): Record<string, string | null> {
  return Object.fromEntries(model.chartGroups.flatMap((g) => g.charts.map((c) => [c.id, c.emptyReason])));
}

describe('buildReportModel on a complete run', async () => {
  const analysis = await analyzeRun(writeSampleRun(root, '20260821-070000-light-abc123'));
  const model = buildReportModel(analysis, { diagnosis: sampleDiagnosis, now: new Date(T0) });

  it('titles the run and lists its facts', () => {
    assert.equal(model.title.title, 'light · 20260821-070000-light-abc123');
    assert.deepEqual(model.title.status, { text: 'complete', tone: 'good' });
    const facts = Object.fromEntries(model.title.facts.map((f) => [f.label, f.value]));
    assert.equal(facts['started'], '2026-08-21 07:00:00 UTC');
    assert.equal(facts['duration'], '5 s');
    assert.equal(facts['target'], 'http://127.0.0.1:8080 · openai API · streaming');
    assert.equal(facts['preset'], 'not deployed by inferload');
    assert.match(model.generated, /^inferload \d+\.\d+\.\d+, 2026-08-21 07:00:00 UTC$/);
  });

  it('formats the headline, errors by kind and thresholds', () => {
    const figures = Object.fromEntries(model.headline.figures.map((f) => [f.key, f.value]));
    assert.deepEqual(figures, {
      requests: '10',
      failed: '1',
      'error-share': '10%',
      'requests-per-second': '2 req/s',
      'output-tokens-per-second': '18 tok/s',
      'peak-output-tokens-per-second': '20 tok/s',
    });
    assert.deepEqual(
      model.headline.latency.map((row) => [row.name, ...row.cells.map((c) => c.value), row.count]),
      [
        ['TTFT', '120 ms', '125 ms', '126 ms', '129 ms', '9'],
        ['ITL', '50 ms', '55 ms', '56 ms', '59 ms', '9'],
        ['TPOT', '100 ms', '105 ms', '106 ms', '109 ms', '9'],
        ['E2E', '1 s', '1 s', '1.01 s', '1.01 s', '9'],
      ],
    );
    assert.equal(model.headline.latency[0]?.cells[2]?.key, 'ttft-p95');
    assert.deepEqual(model.headline.errors, [{ kind: 'http_503', count: '1', share: '10%' }]);
    assert.equal(model.headline.thresholdsNote, '1 of 2 passed');
    assert.deepEqual(
      model.headline.thresholds.map((t) => [t.mark, t.metric, t.expression, t.status]),
      [
        ['✗', 'llm_errors', 'rate<0.01', 'failed'],
        ['✓', 'llm_ttft', 'p(95)<2000', 'passed'],
      ],
    );
  });

  it('states goodput with the SLO it used', () => {
    assert.deepEqual(model.goodput, {
      text: '1.6 req/s: 8 of 10 requests (80%) met TTFT ≤ 2 s, TPOT ≤ 100 ms and E2E ≤ 10 s',
      slo: 'TTFT ≤ 2 s, TPOT ≤ 100 ms and E2E ≤ 10 s',
    });
  });

  it('shows the verdict, the other findings, key figures and gaps', () => {
    const d = model.diagnosis;
    assert.ok(d);
    assert.equal(model.diagnosisMissing, null);
    assert.equal(d.tone, 'bad');
    assert.equal(d.verdict.label, 'GPU-bound');
    assert.deepEqual(d.verdict.evidence, [
      { label: 'meanGpuUtil', value: '97.2' },
      { label: 'throughputGain', value: '0.03' },
      { label: 'tool', value: 'nvidia-smi' },
    ]);
    assert.deepEqual(
      d.others.map((f) => [f.label, f.summary]),
      [['Queueing', 'requests waited for a slot']],
    );
    const stats = Object.fromEntries(d.stats.map((s) => [s.label, s.value]));
    assert.equal(stats['hottest core'], '99.5% (cpu1)');
    assert.equal(stats['memory high water'], '3 GiB of 16 GiB');
    assert.equal(stats['busy slots (mean)'], '3.9 of 4');
    assert.equal(stats['deferred (mean / max)'], '3 / 7');
    assert.deepEqual(d.gaps, ['no /slots: slot use not judged']);
  });

  it('draws every chart with data, and says nothing is missing', () => {
    assert.deepEqual(charts(model), {
      'active-vus': null,
      'requests-per-second': null,
      'output-tokens': null,
      'throughput-vs-concurrency': null,
      'ttft-over-time': null,
      'e2e-over-time': null,
      'errors-over-time': null,
      'ttft-histogram': null,
      'itl-histogram': null,
      'e2e-histogram': null,
      'cpu-per-core': null,
      'memory-used': null,
      'gpu-utilisation': null,
      'gpu-vram': null,
      slots: null,
      'client-cpu': null,
    });
    const svg = model.chartGroups.flatMap((g) => g.charts).find((c) => c.id === 'gpu-utilisation')?.svg ?? '';
    assert.match(svg, /data-series="GPU 0 \(H200\)" data-points="1"/);
    assert.match(svg, /data-series="GPU 1" data-points="1"/);
  });

  it('summarises the per-second series and lists the notes', () => {
    assert.deepEqual(
      model.seriesSummary.map((r) => [r.name, r.min, r.median, r.mean, r.max]),
      [
        ['active VUs', '2', '2', '2', '2'],
        ['requests/s', '2', '2', '2', '2'],
        ['output tok/s', '10 tok/s', '20 tok/s', '18 tok/s', '20 tok/s'],
        ['failed/s', '0', '0', '0.2', '1'],
        ['TTFT p95', '101 ms', '121 ms', '–', '141 ms'],
        ['E2E p95', '1 s', '1 s', '–', '1.85 s'],
      ],
    );
    assert.deepEqual(model.notes, [
      { level: 'info', text: '1 line of diagnostics.jsonl skipped (an unknown source, or not JSON)' },
    ]);
    assert.deepEqual(model.samplerNotes, [
      { time: '0 s', sampler: 'gpu', level: 'info', message: 'nvidia-smi found' },
    ]);
  });
});

describe('buildReportModel on incomplete runs', () => {
  it('renders every chart empty with its reason when only meta.json is there', async () => {
    const analysis = await analyzeRun(writeRunFolder(root, 'bare', { meta: runMeta('bare') }));
    const model = buildReportModel(analysis);
    const reasons = charts(model);
    assert.equal(
      reasons['active-vus'],
      'no metrics.json.gz in this run: the per-second series come from the metric stream',
    );
    assert.equal(
      reasons['gpu-utilisation'],
      "no diagnostics.jsonl: the server's host was not sampled during this run (make diagnose samples it)",
    );
    assert.ok(Object.values(reasons).every((reason) => reason !== null));
    assert.equal(model.diagnosis, null);
    assert.equal(model.diagnosisMissing, 'no diagnosis for this run (run make diagnose)');
    assert.equal(model.goodput.text, 'not computed: no request finished');
    assert.equal(model.headline.thresholdsNote, 'thresholds are in summary.json, which this run lacks');
    assert.equal(model.notes.length, 3);
  });

  it("names the missing GPU telemetry with the sampler's warning, and the non-streaming TTFT", async () => {
    const noGpu = [
      { source: 'host', t: 500, ts: T0 + 500, cpus: [0], busy: [50], onlineCpus: 1 },
      { source: 'note', t: 0, ts: T0, sampler: 'gpu', level: 'info', message: 'probing GPU tools' },
      {
        source: 'note',
        t: 0,
        ts: T0,
        sampler: 'gpu',
        level: 'warn',
        message: 'no GPU telemetry: none of nvidia-smi, rocm-smi was found',
      },
    ];
    const lines = sampleMetricLines().filter((l) => !/"llm_(ttft|itl)"/.test(l));
    const dir = writeRunFolder(root, 'no-gpu', {
      meta: runMeta('no-gpu', { stream: false, partial: true, reason: 'interrupted' }),
      metrics: `${lines.join('\n')}\n`,
      diagnostics: `${noGpu.map((d) => JSON.stringify(d)).join('\n')}\n`,
      diagnosis: { verdict: 'broken' },
    });
    const model = buildReportModel(await analyzeRun(dir), {
      diagnosisProblem: 'diagnosis.json lacks a verdict',
    });
    const reasons = charts(model);
    assert.equal(
      reasons['gpu-utilisation'],
      'no GPU telemetry on this host (gpu: none of nvidia-smi, rocm-smi was found)',
    );
    assert.equal(reasons['gpu-vram'], reasons['gpu-utilisation']);
    assert.equal(reasons['cpu-per-core'], null);
    assert.equal(
      reasons['ttft-over-time'],
      'no TTFT: the run did not stream (STREAM=false), so tokens were not timed',
    );
    assert.equal(
      reasons['itl-histogram'],
      'no ITL: the run did not stream (STREAM=false), so tokens were not timed',
    );
    assert.equal(reasons['e2e-histogram'], null);
    assert.deepEqual(model.title.status, { text: 'partial: interrupted', tone: 'warn' });
    assert.equal(model.diagnosisMissing, 'diagnosis.json lacks a verdict');
    assert.ok(model.notes.some((n) => n.level === 'warn' && n.text === 'diagnosis.json lacks a verdict'));
  });

  it('keeps secrets out of the settings and credentials out of the target', async () => {
    const dir = writeRunFolder(root, 'secrets', {
      meta: runMeta('secrets', {
        target: 'http://user:hunter2@10.0.0.5:8080/',
        env: { MAX_TOKENS: '8', HF_TOKEN: 'hf_abc', OPENAI_API_KEY: 'sk-1', TARGET_URL: 'x' },
      }),
    });
    const facts = Object.fromEntries(
      buildReportModel(await analyzeRun(dir)).title.facts.map((f) => [f.label, f.value]),
    );
    assert.equal(facts['settings'], 'HF_TOKEN=***, MAX_TOKENS=8, OPENAI_API_KEY=***');
    assert.equal(facts['target'], 'http://***@10.0.0.5:8080/ · openai API · streaming');
  });
});

// Reports of real runs against the simulator, opened in headless Chromium: offline, every chart drawn with its
// series, the numbers on the page equal to analyzeRun's, and the best run of a comparison the one compareRuns chose.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compareRuns } from '../../../src/results/compare-runs.ts';
import { analyzeRun, type RunAnalysis } from '../../../src/diagnose/analyze-run.ts';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { assertHeadlineShown, readCharts } from '../../helpers/report-page.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { sampleDiagnosis } from '../../helpers/run-folder.ts';
import { syntheticDiagnostics } from '../../helpers/synthetic-diagnostics.ts';

const runs = mkdtempSync(join(tmpdir(), 'inferload-report-runs-'));
const env = { INFERLOAD_BENCHMARKS: runs };

/** The light profile at TIME_SCALE 0.04 (about 11 s: the 8-VU plateau lasts 3.6 s, long enough for steady seconds) against `url`; returns the run folder. */
async function runLight(url: string): Promise<string> {
  const args = [
    'stress-test',
    '--target',
    url,
    '--time-scale',
    '0.04',
    '--max-tokens',
    '16',
    '--engine',
    'embedded',
  ];
  const result = await runCli(args, env, 120_000);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const dir = /^saved: (\S+)$/m.exec(result.stdout)?.[1];
  assert.ok(dir && existsSync(dir), result.stdout);
  return dir;
}

/** The series each chart of a run report must draw, given what the run measured. */
function expectedSeries(analysis: RunAnalysis): Record<string, string[]> {
  const kinds = Object.keys(analysis.headline.errorsByKind);
  const gpus = ['GPU 0 (H200)', 'GPU 1 (H200)'];
  return {
    'active-vus': ['active VUs'],
    'requests-per-second': ['requests/s'],
    'output-tokens': ['output tok/s (client)', 'output tok/s (server)'],
    'throughput-vs-concurrency': ['output tok/s'],
    'ttft-over-time': ['TTFT p50', 'TTFT p95'],
    'e2e-over-time': ['E2E p95'],
    'errors-over-time': ['failed/s', ...kinds],
    'ttft-histogram': ['TTFT'],
    'itl-histogram': ['ITL'],
    'e2e-histogram': ['E2E'],
    'cpu-per-core': ['cpu0', 'cpu1', 'cpu2', 'cpu3'],
    'memory-used': ['used', 'total', 'server RSS'],
    'gpu-utilisation': gpus,
    'gpu-vram': gpus,
    slots: ['busy slots', 'total slots', 'deferred'],
    'client-cpu': ['load generator', 'server process'],
  };
}

describe(
  'reports in headless Chromium',
  { skip: !hasChromium() && !process.env['CI'] && 'no /usr/bin/chromium', timeout: 300_000 },
  () => {
    let oneSlot: RunningSim;
    let fourSlots: RunningSim;
    let runOne = '';
    let runFour = '';
    before(async () => {
      const model = {
        decodeMsPerToken: 4,
        promptTokensPerSecond: 20_000,
        naturalTokensMin: 64,
        naturalTokensMax: 64,
      };
      oneSlot = await startSim({ ...model, slots: 1 });
      fourSlots = await startSim({ ...model, slots: 4 });
      runOne = await runLight(oneSlot.url);
      runFour = await runLight(fourSlots.url);
    });
    after(async () => {
      await oneSlot?.close();
      await fourSlots?.close();
    });

    it('renders a run: offline, every chart with its series, the headline numbers equal to analyzeRun', async () => {
      const dir = runFour;
      const startMs = Date.parse((await analyzeRun(dir)).meta.startedAt);
      if (!existsSync(join(dir, 'diagnostics.jsonl'))) {
        writeFileSync(
          join(dir, 'diagnostics.jsonl'),
          syntheticDiagnostics(startMs, (await analyzeRun(dir)).durationSeconds),
        );
      }
      if (!existsSync(join(dir, 'diagnosis.json')))
        writeFileSync(join(dir, 'diagnosis.json'), JSON.stringify(sampleDiagnosis));
      const result = await runCli(['report', basename(dir)], env);
      assert.equal(result.code, 0, result.stderr);
      const files = ['report.html', 'report.md', 'series.csv', 'summary.csv'].map((name) => join(dir, name));
      assert.deepEqual(result.stdout.trim().split('\n'), files);
      const analysis = await analyzeRun(dir);
      const screenshot = join(dir, 'report.png');
      const opened = await openInChromium(join(dir, 'report.html'), { screenshot });
      try {
        console.log(`screenshot: ${screenshot}`);
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, []);
        assert.deepEqual(opened.failedRequests, []);

        const charts = await readCharts(opened.page);
        const expected = expectedSeries(analysis);
        assert.deepEqual(
          charts.map((c) => c.id),
          Object.keys(expected),
          'every chart, in order',
        );
        for (const chart of charts) {
          assert.ok(chart.width > 0 && chart.height > 0, `${chart.id} has a box`);
          assert.deepEqual(Object.keys(chart.series), expected[chart.id], `${chart.id}: its series`);
          assert.equal(chart.placeholder, false, `${chart.id} has data`);
          for (const [name, points] of Object.entries(chart.series)) {
            assert.ok(points > 0, `${chart.id}/${name} has points`);
          }
          assert.deepEqual(chart.overflowing, [], `${chart.id}: its text stays inside`);
        }
        assert.equal(await opened.page.locator('[data-empty-reason]').count(), 0);

        const h = analysis.headline;
        await assertHeadlineShown(opened.page, h);
        assert.ok(h.requests > 0 && h.ttft?.p95 !== undefined && h.e2e?.p95 !== undefined);
        assert.equal(
          await opened.page.getAttribute('[data-verdict]', 'data-verdict'),
          sampleDiagnosis.verdict.kind,
        );
        assert.equal(await opened.page.getAttribute('[data-run-id]', 'data-run-id'), basename(dir));
      } finally {
        await opened.close();
      }
    });

    it('compares two slot counts: one line per run against concurrency, the best run the one compareRuns chose', async () => {
      const out = join(runs, 'compare-slots');
      const result = await runCli(['compare', basename(runOne), basename(runFour), '--out', out], env);
      assert.equal(result.code, 0, result.stderr);
      const analyses = [await analyzeRun(runOne), await analyzeRun(runFour)];
      const comparison = compareRuns(analyses);
      assert.ok(comparison.best, 'a run meets the default objective');
      const screenshot = join(out, 'compare.png');
      const opened = await openInChromium(join(out, 'compare.html'), { screenshot });
      try {
        console.log(`screenshot: ${screenshot}`);
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, []);
        assert.equal(await opened.page.getAttribute('[data-best-run]', 'data-best-run'), comparison.best.id);
        assert.equal(await opened.page.textContent('[data-best-label]'), comparison.best.label);
        assert.match(
          result.stdout,
          new RegExp(`^best: ${comparison.best.label} \\(${comparison.best.id}\\)$`, 'm'),
        );
        const labels = comparison.runs.map((r) => r.label);
        const charts = await readCharts(opened.page);
        assert.deepEqual(
          charts.map((c) => c.id),
          ['throughput-vs-concurrency', 'e2e-vs-concurrency', 'output-tokens-over-time', 'goodput-per-run'],
        );
        for (const chart of charts) {
          assert.ok(chart.width > 0 && chart.height > 0, `${chart.id} has a box`);
          assert.deepEqual(chart.overflowing, [], `${chart.id}: its text stays inside`);
        }
        const curve = charts[0];
        assert.deepEqual(Object.keys(curve?.series ?? {}), labels);
        for (const label of labels) assert.ok((curve?.series[label] ?? 0) > 0, `${label} has load levels`);
        assert.deepEqual(Object.keys(charts[3]?.series ?? {}), ['requests/s', 'goodput/s']);
      } finally {
        await opened.close();
      }
    });
  },
);

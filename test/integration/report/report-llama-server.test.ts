// A report of a real run against the real local llama-server, sampled by `inferload diagnose` (real
// diagnostics.jsonl and diagnosis.json), opened in headless Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnosis } from '../../../src/diagnose/verdict/diagnosis.ts';
import { startLocal } from '../../../src/local/start.ts';
import { stopLocal } from '../../../src/local/stop.ts';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { assertHeadlineShown, readCharts } from '../../helpers/report-page.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempLocalState } from '../../helpers/temp-state.ts';

const state = useTempLocalState();

// Drawn from the metric stream and the local host whatever the machine: these must have data.
const MUST_DRAW = [
  'active-vus',
  'requests-per-second',
  'output-tokens',
  'ttft-over-time',
  'e2e-over-time',
  'errors-over-time',
  'ttft-histogram',
  'e2e-histogram',
  'cpu-per-core',
  'memory-used',
  'slots',
  'client-cpu',
];

describe(
  'a report of a real run against the local llama-server',
  { skip: !hasChromium() && !process.env['CI'] && 'no /usr/bin/chromium', timeout: 300_000 },
  () => {
    let url = '';
    before(async () => {
      url = (await startLocal({ slots: 2, threads: 2, ctxPerSlot: 512, backend: 'llama-server' })).state.url;
    });
    after(() => stopLocal());

    it('shows the run, its host telemetry and its diagnosis, with the numbers analyzeRun computes', async () => {
      const runs = mkdtempSync(join(tmpdir(), 'inferload-report-llama-'));
      const env = { INFERLOAD_BENCHMARKS: runs, INFERLOAD_STATE: state };
      const args = ['diagnose', '--target', url, '--profile', 'light', '--time-scale', '0.03'];
      const diagnosed = await runCli(
        [...args, '--max-tokens', '8', '--interval', '250', '--engine', 'embedded'],
        env,
        180_000,
      );
      assert.equal(diagnosed.code, 0, `${diagnosed.stdout}\n${diagnosed.stderr}`);
      const [id] = readdirSync(runs);
      const dir = join(runs, id ?? '');
      assert.ok(existsSync(join(dir, 'diagnosis.json')), 'diagnose wrote its verdict');
      const diagnosis = JSON.parse(readFileSync(join(dir, 'diagnosis.json'), 'utf8')) as Diagnosis;

      const reported = await runCli(['report', id ?? ''], env);
      assert.equal(reported.code, 0, reported.stderr);
      const analysis = await analyzeRun(dir);
      const screenshot = join(dir, 'report.png');
      const opened = await openInChromium(join(dir, 'report.html'), { screenshot });
      try {
        console.log(`screenshot: ${screenshot}`);
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, []);
        const charts = await readCharts(opened.page);
        assert.equal(charts.length, 16);
        for (const chart of charts) {
          assert.ok(chart.width > 0 && chart.height > 0, `${chart.id} has a box`);
          assert.equal(chart.placeholder, chart.emptyReason !== null, `${chart.id}: an empty chart says why`);
          assert.deepEqual(chart.overflowing, [], `${chart.id}: its text stays inside`);
        }
        for (const id of MUST_DRAW) {
          const chart = charts.find((c) => c.id === id);
          assert.ok(chart && !chart.placeholder, `${id} is drawn`);
          assert.ok(
            Object.values(chart.series).some((points) => points > 0),
            `${id} has points`,
          );
        }
        const gpu = charts.find((c) => c.id === 'gpu-utilisation');
        assert.ok(
          !gpu?.placeholder || gpu.emptyReason?.startsWith('no GPU telemetry on this host'),
          `GPU: drawn, or said why not (${gpu?.emptyReason})`,
        );
        const h = analysis.headline;
        assert.ok(h.requests > 0 && h.failed === 0, `${h.requests} requests, ${h.failed} failed`);
        await assertHeadlineShown(opened.page, h);
        assert.equal(
          await opened.page.getAttribute('[data-verdict]', 'data-verdict'),
          diagnosis.verdict.kind,
        );
      } finally {
        await opened.close();
      }
    });
  },
);

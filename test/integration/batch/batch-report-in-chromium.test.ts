// The batch report of a real batch-test against the simulator, opened in headless Chromium: self-contained, and
// its memory and throughput charts drawn with the batches' data.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { readCharts } from '../../helpers/report-page.ts';
import { INPUT, readSummary, runBatchCli, spawnSim, tempBenchmarks } from './batch-cli.ts';

describe(
  'the batch report in Chromium',
  { skip: !hasChromium() && !process.env['CI'] && 'no /usr/bin/chromium', timeout: 300_000 },
  () => {
    it('draws RSS over time and req/s per batch, offline, without errors', async () => {
      const sim = await spawnSim(['--decode-ms', '5', '--pp-rate', '100000', '--slots', '4']);
      let dir: string;
      try {
        const args = ['--input', INPUT, '--batches', '2', '--chunk', '10', '--concurrency', '4'];
        const result = await runBatchCli(
          [...args, '--target', sim.url, '--server-pid', String(sim.pid)],
          tempBenchmarks(),
        );
        assert.equal(result.code, 0, result.stderr);
        dir = readSummary(result.stdout).dir;
      } finally {
        sim.child.kill();
      }
      const opened = await openInChromium(join(dir, 'batch-report.html'));
      try {
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, [], 'self-contained: no request leaves the page');
        const charts = await readCharts(opened.page);
        const rss = charts.find((c) => c.id === 'rss');
        const rate = charts.find((c) => c.id === 'rate');
        assert.ok(
          rss && !rss.placeholder && Object.values(rss.series).some((n) => n > 1),
          JSON.stringify(rss),
        );
        assert.ok(rate && Object.values(rate.series).reduce((a, b) => a + b, 0) === 2, JSON.stringify(rate));
        assert.ok(
          charts.every((c) => c.overflowing.length === 0 && c.width > 0),
          JSON.stringify(charts),
        );
      } finally {
        await opened.close();
      }
    });
  },
);

// campaign.html from synthetic campaign records, opened in headless Chromium: offline, no console errors, every
// chart drawn with its series and its text inside it, the best cell and the partial banner as computed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCampaign } from '../../../src/campaign/analysis/analyze-campaign.ts';
import { nameCells } from '../../../src/report/campaign/campaign-charts.ts';
import { formatNumber } from '../../../src/report/charts/format.ts';
import { writeCampaignReport } from '../../../src/report/campaign/write-campaign-report.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { amdahlCurve, buildCampaignRecord, uslCurve } from '../../helpers/campaign-record.ts';
import { readCharts } from '../../helpers/report-page.ts';

/** The old instance sweep's shape: instances x slots x concurrency, declining past 12 instances. */
function instanceSweep() {
  const usl = uslCurve('instances', 60, 0.04, 0.008);
  return buildCampaignRecord({
    server: { instances: [2, 4, 8, 12, 16], parallel_slots: [1, 2, 4] },
    load: { concurrency: [8, 32] },
    repetitions: 2,
    throughput: (server, load) =>
      usl(server) * Number(server['parallel_slots']) ** 0.3 * (load['concurrency'] === 8 ? 0.6 : 1),
    tpotMs: (server, load) => 8 + Number(load['concurrency']) / Number(server['parallel_slots']),
    // s14 is instances=16, parallel_slots=4.
    outcome: (cell) => (cell.id === 's14-l01-r2' ? 'failed' : 'passed'),
    skip: (cell) => (cell.id.startsWith('s14-l00') ? 'memory: 16 x 1.2 GiB over 15.5 GiB' : undefined),
    objective: 'e2e_p95=3s,errors=1%',
  });
}

describe(
  'campaign.html in headless Chromium',
  { skip: !hasChromium() && !process.env['CI'] && 'no /usr/bin/chromium', timeout: 120_000 },
  () => {
    it('draws the heatmaps, the fitted scaling, the CDFs and the Pareto front, the best cell the ranked one', async () => {
      const record = instanceSweep();
      const analysis = analyzeCampaign(record);
      const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-chromium-'));
      await writeCampaignReport(dir, record, { analysis });
      const screenshot = join(dir, 'campaign.png');
      const opened = await openInChromium(join(dir, 'campaign.html'), { screenshot });
      try {
        console.log(`screenshot: ${screenshot}`);
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, []);
        assert.deepEqual(opened.failedRequests, []);
        const charts = await readCharts(opened.page);
        const [usl, amdahl] = [analysis.scaling[0]?.usl?.fit, analysis.scaling[0]?.amdahl?.fit];
        assert.ok(usl && amdahl && usl.kappa > 0, 'the decline is fitted with coherency');
        const fits = (factor: string) =>
          Object.keys(charts.find((c) => c.id === `scaling-${factor}`)?.series ?? {});
        const expected: Record<string, string[]> = {
          'heatmap-throughput-0': ['1', '2', '4'],
          'heatmap-e2e-0': ['1', '2', '4'],
          'heatmap-throughput-1': ['1', '2', '4'],
          'heatmap-e2e-1': ['1', '2', '4'],
          'scaling-instances': fits('instances'),
          'scaling-parallel_slots': fits('parallel_slots'),
          'latency-cdf-top': nameCells(analysis.ranking.top),
          'pareto-front': ['configurations', 'Pareto front', 'best under the objective'],
        };
        assert.deepEqual(
          charts.map((c) => c.id),
          Object.keys(expected),
          'every chart, in order',
        );
        assert.deepEqual(fits('instances').slice(0, 3), [
          'repetitions',
          'measured (mean)',
          `Amdahl, s = ${formatNumber(amdahl.s)}`,
        ]);
        assert.ok(fits('instances')[3]?.startsWith('USL, σ = '));
        for (const chart of charts) {
          assert.ok(chart.width > 0 && chart.height > 0, `${chart.id} has a box`);
          assert.deepEqual(Object.keys(chart.series), expected[chart.id], `${chart.id}: its series`);
          assert.equal(chart.placeholder, false, `${chart.id} has data`);
          for (const [name, points] of Object.entries(chart.series)) {
            assert.ok(points > 0, `${chart.id}/${name} has points`);
          }
          assert.deepEqual(chart.overflowing, [], `${chart.id}: its text stays inside`);
        }
        const failedCells = await opened.page
          .locator('[data-chart="heatmap-throughput-1"] [data-failed]')
          .count();
        assert.equal(failedCells, 1, 'the failed configuration is shown as failed');
        const best = analysis.ranking.best;
        assert.ok(best && best.key !== 's14-l01');
        assert.equal(await opened.page.getAttribute('[data-best-cell]', 'data-best-cell'), best.key);
        assert.equal(await opened.page.textContent('[data-best-label]'), best.label);
        assert.equal(await opened.page.locator('[data-top]').count(), 5);
        assert.equal(await opened.page.locator('[data-rejected="s14-l01"]').count(), 1);
        assert.equal(await opened.page.locator('[data-skipped]').count(), 2);
        assert.equal(await opened.page.locator('[data-partial]').count(), 0);
      } finally {
        await opened.close();
      }
    });

    it('says a partial single-factor campaign is partial and why it has no heatmap', async () => {
      const record = buildCampaignRecord({
        server: { tensor_parallel: [1, 2, 4, 8] },
        load: { concurrency: [4, 16] },
        ranCells: 6,
        throughput: amdahlCurve('tensor_parallel', 300, 0.15),
      });
      const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-partial-'));
      await writeCampaignReport(dir, record);
      const opened = await openInChromium(join(dir, 'campaign.html'));
      try {
        assert.deepEqual(opened.consoleErrors, []);
        assert.match(
          (await opened.page.textContent('[data-partial]')) ?? '',
          /Partial campaign: 6 cells of 8 ran/,
        );
        assert.match(
          (await opened.page.textContent('#heatmaps [data-group-note]')) ?? '',
          /^No heatmap: only tensor_parallel varies: a heatmap needs two server factors/,
        );
        const charts = await readCharts(opened.page);
        assert.deepEqual(
          charts.map((c) => c.id),
          ['scaling-tensor_parallel', 'latency-cdf-top', 'pareto-front'],
        );
        for (const chart of charts)
          assert.deepEqual(chart.overflowing, [], `${chart.id}: its text stays inside`);
      } finally {
        await opened.close();
      }
    });
  },
);

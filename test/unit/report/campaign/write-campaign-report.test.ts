// The campaign report's files: summary.md, campaign.html and amdahl_fit.csv, from synthetic records whose
// best cell, failures, skips and scaling parameters are known.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCampaign } from '../../../../src/campaign/analysis/analyze-campaign.ts';
import { writeCampaignReport } from '../../../../src/report/campaign/write-campaign-report.ts';
import { formatNumber, formatTokensPerSecond } from '../../../../src/report/charts/format.ts';
import { amdahlCurve, buildCampaignRecord } from '../../../helpers/campaign-record.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Instances x slots with a known s; the fastest configuration fails; one cell is skipped. */
function instanceSweep(extra: Partial<Parameters<typeof buildCampaignRecord>[0]> = {}) {
  return buildCampaignRecord({
    server: { instances: [1, 2, 4, 8], parallel_slots: [2, 4] },
    load: { concurrency: [8, 32] },
    repetitions: 2,
    throughput: (server, load) =>
      amdahlCurve('instances', 100, 0.1)(server) *
      (server['parallel_slots'] === 4 ? 1 : 0.7) *
      (load['concurrency'] === 8 ? 0.5 : 1),
    // s07 is instances=8, parallel_slots=4: the fastest, and it fails.
    outcome: (cell) => (cell.id === 's07-l01-r2' ? 'failed' : 'passed'),
    skip: (cell) => (cell.id.startsWith('s07-l00') ? 'memory: 8 x 2.1 GiB over 15.5 GiB' : undefined),
    objective: 'e2e_p95=5s,errors=1%',
    ...extra,
  });
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

describe('writeCampaignReport', () => {
  it('writes summary.md, campaign.html and amdahl_fit.csv and returns their paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-report-'));
    const written = await writeCampaignReport(dir, instanceSweep());
    assert.deepEqual(
      written,
      ['summary.md', 'campaign.html', 'amdahl_fit.csv'].map((name) => join(dir, name)),
    );
  });

  it('names the best cell, the top 5, the failed cell, the skipped cells and the fit in summary.md', async () => {
    const record = instanceSweep();
    const analysis = analyzeCampaign(record);
    const best = analysis.ranking.best;
    assert.ok(best);
    assert.equal(
      best.key,
      's06-l01',
      'instances=8, parallel_slots=2 at 32 users: the fastest that did not fail',
    );
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-summary-'));
    await writeCampaignReport(dir, record, { analysis });
    const summary = read(dir, 'summary.md');
    assert.match(
      summary,
      /^\*\*Best cell: instances=8, parallel\\_slots=2 · concurrency=32\*\* \(`s06-l01`\): /m,
    );
    assert.ok(summary.includes(formatTokensPerSecond(best.outputTokensPerSecond)));
    const topSection = summary.slice(summary.indexOf('## Top 5'), summary.indexOf('## Scaling'));
    const topRows = topSection.split('\n').filter((line) => /^\| [1-5] \|/.test(line));
    assert.equal(topRows.length, 5);
    assert.match(summary, /`s07-l01`: 1 repetition did not serve the load \(failed\)/);
    assert.match(summary, /`s07-l00-r1`: memory: 8 x 2\.1 GiB over 15\.5 GiB/);
    // At 8 instances the 4-slot configuration failed: the 2-slot one is measured there, and s says so.
    const s = analysis.scaling[0]?.amdahl?.fit.s ?? NaN;
    assert.ok(
      summary.includes(`### instances\n\n- Amdahl: sequential fraction s = ${formatNumber(s)} (95% CI `),
    );
    assert.doesNotMatch(summary, /Partial campaign/);
  });

  it('says at the top that a campaign is partial, and that a single factor has no heatmap', async () => {
    const record = buildCampaignRecord({
      server: { tensor_parallel: [1, 2, 4] },
      load: { concurrency: [16] },
      repetitions: 2,
      ranCells: 4,
      throughput: amdahlCurve('tensor_parallel', 300, 0.2),
    });
    assert.equal(record.partial, true);
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-partial-'));
    await writeCampaignReport(dir, record);
    const summary = read(dir, 'summary.md');
    assert.match(summary.split('\n')[2] ?? '', /^> \*\*Partial campaign: 4 cells of 6 ran; /);
    assert.match(summary, /No heatmap: only tensor\\_parallel varies: a heatmap needs two server factors/);
    const html = read(dir, 'campaign.html');
    assert.match(html, /data-partial>/);
    assert.match(html, /No heatmap: only tensor_parallel varies/);
    assert.doesNotMatch(html, /data-chart="heatmap-/);
  });

  it('has no best cell when every cell fails, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-none-'));
    await writeCampaignReport(dir, instanceSweep({ failedShare: () => 0.5 }));
    assert.match(read(dir, 'summary.md'), /^\*\*No cell meets the objective\.\*\*$/m);
    assert.match(read(dir, 'campaign.html'), /data-best-cell=""/);
  });

  it('escapes factor values in the page and in Markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-escape-'));
    const record = buildCampaignRecord({
      server: { instances: [1, 2], image: [HOSTILE] },
      load: { prompts: ['a|b*c'] },
      throughput: amdahlCurve('instances', 100, 0.1),
    });
    await writeCampaignReport(dir, record);
    const html = read(dir, 'campaign.html');
    assert.ok(!html.includes(HOSTILE));
    assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'));
    const summary = read(dir, 'summary.md');
    assert.ok(!summary.includes('<img'));
    assert.ok(summary.includes('prompts=a\\|b\\*c'));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { buildComparisonModel } from '../../../src/report/comparison-model.ts';
import { compareRuns } from '../../../src/results/compare-runs.ts';
import { renderComparisonHtml, renderReportHtml } from '../../../src/report/html-pages.ts';
import { renderComparisonMarkdown } from '../../../src/report/render-comparison-markdown.ts';
import { renderRunMarkdown } from '../../../src/report/render-markdown.ts';
import { buildReportModel } from '../../../src/report/report-model.ts';
import { describeRunDamage, nothingRecovered } from '../../../src/report/run-damage.ts';
import { runMeta, sampleMetricLines, sampleSummary, writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-run-damage-'));
const CUT =
  'metrics.json.gz: cut short (the gzip stream ends without its trailer); read 69 points up to there (4.6 s into the run) — figures after that moment are missing';
const SUMMARY =
  "summary.json: not valid JSON (Unexpected end of JSON input at line 1); the run's summary is damaged; the figures are recomputed from metrics.json.gz (the thresholds cannot be)";

/** The sample run with its gzip cut before the trailer and its summary.json cut after 40 bytes. */
function writeDamagedRun(id: string): string {
  const dir = writeSampleRun(root, id);
  const gz = gzipSync(`${sampleMetricLines().join('\n')}\n`);
  writeFileSync(join(dir, 'metrics.json.gz'), gz.subarray(0, gz.length - 8));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(sampleSummary).slice(0, 40));
  return dir;
}

describe('damaged run files in the report', async () => {
  const dir = writeDamagedRun('20260821-070000-light-cut001');
  const analysis = await analyzeRun(dir);
  const model = buildReportModel(analysis);

  it('lists each damaged file with the damage and what was recovered, and not twice as "cut short"', () => {
    assert.deepEqual(model.damage, [CUT, SUMMARY]);
    assert.deepEqual(
      model.notes.filter((n) => n.level === 'warn').map((n) => n.text),
      [CUT, SUMMARY],
    );
    assert.equal(model.headline.source, 'the metric stream (summary.json is damaged)');
    assert.equal(model.headline.thresholdsNote, 'thresholds are in summary.json, which is damaged');
  });

  it('shows the damage as a notice at the top of report.html and report.md', () => {
    const html = renderReportHtml(model);
    const notice = /<section id="damage" data-damage>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    assert.ok(html.indexOf('data-damage') < html.indexOf('id="run"'), 'before the run facts');
    assert.deepEqual(
      [...notice.matchAll(/<li data-damaged-file>(.*?)<\/li>/g)].map((m) => m[1]),
      [CUT, SUMMARY].map((t) => t.replace(/'/g, '&#x27;')),
    );
    const markdown = renderRunMarkdown(model).split('\n');
    const at = markdown.indexOf(
      '> **Damaged run files:** part of this run could not be read; the figures below hold only what was recovered.',
    );
    assert.ok(at > 0 && at < markdown.findIndex((l) => l.startsWith('| run |')), 'before the run facts');
    assert.equal(markdown[at + 2], `> - ${CUT}`);
  });

  it('names the files by path for the terminal, and knows something was recovered', () => {
    assert.deepEqual(
      describeRunDamage(analysis, (d) => `x/${d.file}`),
      [`x/${CUT}`, `x/${SUMMARY}`],
    );
    assert.equal(nothingRecovered(analysis), false);
  });

  it('shows no notice for a whole run', async () => {
    const whole = buildReportModel(await analyzeRun(writeSampleRun(root, 'whole')));
    assert.deepEqual(whole.damage, []);
    assert.doesNotMatch(renderReportHtml(whole), /data-damage/);
    assert.doesNotMatch(renderRunMarkdown(whole), /Damaged run files/);
  });

  it('says nothing was recovered when no figure survived the damage', async () => {
    const bad = writeSampleRun(root, 'nothing-left');
    writeFileSync(join(bad, 'metrics.json.gz'), 'garbage');
    writeFileSync(join(bad, 'summary.json'), '');
    const lost = await analyzeRun(bad);
    assert.equal(nothingRecovered(lost), true);
    const model = buildReportModel(lost);
    assert.equal(model.headline.source, 'nothing: summary.json and metrics.json.gz are missing or damaged');
    const charts = Object.fromEntries(
      model.chartGroups.flatMap((g) => g.charts.map((c) => [c.id, c.emptyReason])),
    );
    assert.equal(
      charts['active-vus'],
      'metrics.json.gz is damaged (not gzip (incorrect header check)): nothing could be read from it',
    );
  });

  it("shows a copied folder's recorded id beside its own", async () => {
    const copy = buildReportModel(
      await analyzeRun(
        writeSampleRun(root, 'copy-of-run', { meta: runMeta('20260821-070000-light-abc123') }),
      ),
    );
    assert.equal(copy.title.runId, 'copy-of-run');
    assert.equal(
      copy.title.facts.find((f) => f.label === 'recorded id')?.value,
      "20260821-070000-light-abc123 (meta.json's own id: this folder is a copy or was renamed)",
    );
  });
});

describe('damaged run files in a comparison', () => {
  it('names each damaged file by run id, in compare.md, compare.html and the run table', async () => {
    const analyses = [
      await analyzeRun(writeSampleRun(root, '20260821-070000-light-aaa111')),
      await analyzeRun(writeDamagedRun('20260821-080000-light-bbb222')),
    ];
    const model = buildComparisonModel(analyses, compareRuns(analyses));
    assert.deepEqual(model.damage, [
      `20260821-080000-light-bbb222/${CUT}`,
      `20260821-080000-light-bbb222/${SUMMARY}`,
    ]);
    assert.deepEqual(
      model.runs.map((r) => r.status),
      ['complete', 'complete, files damaged'],
    );
    assert.ok(renderComparisonMarkdown(model).includes(`> - 20260821-080000-light-bbb222/${CUT}`));
    const listed = [...renderComparisonHtml(model).matchAll(/<li data-damaged-file>(.*?)<\/li>/g)].map(
      (m) => m[1],
    );
    assert.equal(listed.length, 2);
    assert.ok(listed[0]?.startsWith('20260821-080000-light-bbb222/metrics.json.gz: cut short'), listed[0]);
  });
});

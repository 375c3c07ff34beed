import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { buildReportModel } from '../../../src/report/report-model.ts';
import { renderReportHtml } from '../../../src/report/html-pages.ts';
import {
  T0,
  pointLine,
  runMeta,
  sampleDiagnosis,
  sampleDiagnostics,
  sampleMetricLines,
  sampleSummary,
  writeRunFolder,
  writeSampleRun,
} from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-report-html-'));
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(2)>';

/** A run whose every user-controlled string is hostile: profile, target, settings, error kind, notes, diagnosis. */
async function hostileHtml(): Promise<string> {
  const id = '20260821-070000-x-abc123';
  const dir = writeRunFolder(root, id, {
    meta: runMeta(id, {
      profile: SCRIPT,
      target: `http://x/${IMG}`,
      env: { [`=cmd${IMG}`]: '=HYPERLINK("http://evil")' },
      host: { hostname: IMG, platform: 'linux', cpus: 1, cpuModel: SCRIPT, memoryBytes: 1 },
    }),
    summary: sampleSummary,
    metrics: `${[...sampleMetricLines(), pointLine('llm_errors', 4800, 1, { error_kind: IMG }, 'h-1')].join('\n')}\n`,
    diagnostics: `${[
      ...sampleDiagnostics,
      { source: 'note', t: 1, ts: T0, sampler: SCRIPT, level: 'warn', message: IMG },
    ]
      .map((d) => JSON.stringify(d))
      .join('\n')}\n`,
  });
  const diagnosis = {
    ...sampleDiagnosis,
    verdict: { ...sampleDiagnosis.verdict, summary: SCRIPT, evidence: { [IMG]: IMG } },
    recommendation: IMG,
    gaps: [SCRIPT],
  };
  return renderReportHtml(buildReportModel(await analyzeRun(dir), { diagnosis }));
}

describe('renderReportHtml', () => {
  it('escapes every string from the run: no element or attribute comes from its data', async () => {
    const html = await hostileHtml();
    assert.doesNotMatch(html, /<script|<img/i);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the profile shows as text');
    assert.ok(html.includes('&lt;img src'), 'the error kind shows as text');
    assert.doesNotMatch(html, /" ?onerror/, 'no attribute is broken out of');
  });

  it('is self-contained: inline style, no script, no external reference, a CSP that forbids loading', async () => {
    const html = renderReportHtml(buildReportModel(await analyzeRun(writeSampleRun(root, 'whole'))));
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, /<style>\n:root \{/);
    assert.doesNotMatch(html, /<script|<link|@import|url\(http/i);
    assert.deepEqual(html.match(/(?:src|href)="(?!#)[^"]*"/g) ?? [], []);
    assert.equal(html.match(/<svg /g)?.length, 16);
    assert.match(html, /<td class="num" data-metric="requests-per-second">2 req\/s<\/td>/);
    assert.match(html, /<td class="num" data-metric="e2e-p95">1.01 s<\/td>/);
    assert.match(html, /data-diagnosis="none">no diagnosis for this run \(run make diagnose\)</);
  });

  it('highlights the verdict when there is a diagnosis', async () => {
    const model = buildReportModel(await analyzeRun(writeSampleRun(root, 'diagnosed')), {
      diagnosis: sampleDiagnosis,
    });
    const html = renderReportHtml(model);
    assert.match(
      html,
      /<div class="verdict bad" data-verdict="gpu-bound">\s*<p class="label">GPU-bound<\/p>/,
    );
    assert.match(html, /Recommendation: a bigger GPU or a smaller model: more parallel_slots will not help/);
    assert.match(html, /<li data-finding="queueing"><strong>Queueing<\/strong>: requests waited for a slot/);
  });
});

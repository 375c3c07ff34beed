import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { buildReportModel } from '../../../src/report/report-model.ts';
import { renderRunMarkdown } from '../../../src/report/render-markdown.ts';
import { runMeta, sampleDiagnosis, writeRunFolder, writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-report-md-'));

/** The lines of one "## title" section, up to the next one. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${title}`);
  assert.ok(start >= 0, `section ${title}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line !== '');
}

describe('renderRunMarkdown', async () => {
  const analysis = await analyzeRun(writeSampleRun(root, '20260821-070000-light-abc123'));
  const markdown = renderRunMarkdown(buildReportModel(analysis, { diagnosis: sampleDiagnosis }));

  it('opens with the title, status and the run facts', () => {
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# inferload report: light');
    assert.equal(lines[2], '**complete** · `20260821-070000-light-abc123`');
    assert.ok(lines.includes('| started | 2026-08-21 07:00:00 UTC |'));
  });

  it('has the headline table and errors by kind', () => {
    assert.deepEqual(section(markdown, 'Headline'), [
      "From k6's summary (summary.json).",
      '| figure | value |',
      '| --- | ---: |',
      '| requests | 10 |',
      '| failed | 1 |',
      '| error share | 10% |',
      '| requests/s | 2 req/s |',
      '| output tokens/s | 18 tok/s |',
      '| peak output tokens/s (busiest second) | 20 tok/s |',
      '| latency | p50 | p90 | p95 | p99 | samples |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| TTFT | 120 ms | 125 ms | 126 ms | 129 ms | 9 |',
      '| ITL | 50 ms | 55 ms | 56 ms | 59 ms | 9 |',
      '| TPOT | 100 ms | 105 ms | 106 ms | 109 ms | 9 |',
      '| E2E | 1 s | 1 s | 1.01 s | 1.01 s | 9 |',
      'Errors by kind: `http_503` 1 (10%).',
    ]);
  });

  it('has thresholds, goodput and the diagnosis', () => {
    assert.deepEqual(section(markdown, 'Thresholds'), [
      '1 of 2 passed.',
      '|   | metric | threshold | result |',
      '| --- | --- | --- | --- |',
      '| ✗ | `llm_errors` | `rate<0.01` | failed |',
      '| ✓ | `llm_ttft` | `p(95)<2000` | passed |',
    ]);
    assert.deepEqual(section(markdown, 'Goodput'), [
      '1.6 req/s: 8 of 10 requests (80%) met TTFT ≤ 2 s, TPOT ≤ 100 ms and E2E ≤ 10 s.',
    ]);
    const diagnosis = section(markdown, 'Diagnosis');
    assert.equal(
      diagnosis[0],
      '**Verdict: GPU-bound.** GPU-bound: utilisation averaged 97% and throughput rose 3% from 16 to 32 VUs',
    );
    assert.ok(diagnosis.includes('- `meanGpuUtil`: 97.2'));
    assert.ok(
      diagnosis.includes(
        '**Recommendation:** a bigger GPU or a smaller model: more parallel\\_slots will not help',
      ),
    );
    assert.ok(diagnosis.includes('- **Queueing**: requests waited for a slot'));
    assert.ok(diagnosis.includes('- no /slots: slot use not judged'));
  });

  it('summarises the per-second series', () => {
    assert.deepEqual(section(markdown, 'Per-second series'), [
      '5 buckets of 1 s; the mean is weighted by time.',
      '| series | seconds | min | median | mean | max |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| active VUs | 5 | 2 | 2 | 2 | 2 |',
      '| requests/s | 5 | 2 | 2 | 2 | 2 |',
      '| output tok/s | 5 | 10 tok/s | 20 tok/s | 18 tok/s | 20 tok/s |',
      '| failed/s | 5 | 0 | 0 | 0.2 | 1 |',
      '| TTFT p95 | 5 | 101 ms | 121 ms | – | 141 ms |',
      '| E2E p95 | 5 | 1 s | 1 s | – | 1.85 s |',
    ]);
  });

  it('says when there is no diagnosis, and keeps hostile names literal', async () => {
    const dir = writeRunFolder(root, 'hostile', {
      meta: runMeta('hostile', { profile: 'a|b <script>x</script> *bold*', target: '=cmd|x' }),
    });
    const text = renderRunMarkdown(buildReportModel(await analyzeRun(dir)));
    assert.equal(text.split('\n')[0], '# inferload report: a\\|b &lt;script&gt;x&lt;/script&gt; \\*bold\\*');
    assert.deepEqual(section(text, 'Diagnosis'), ['no diagnosis for this run (run make diagnose).']);
    assert.ok(text.includes('| target | =cmd\\|x · openai API · streaming |'));
    assert.doesNotMatch(text, /<script/);
  });
});

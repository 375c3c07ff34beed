import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummaryData } from '../../../../src/engine/summary/build-summary.ts';
import { renderDefaultSummary, renderTextSummary } from '../../../../src/engine/summary/text-summary.ts';
import { finishedRun } from './fixture.ts';

describe('renderTextSummary', () => {
  const data = buildSummaryData({ ...finishedRun(), testRunDurationMs: 2000 });
  const lines = renderTextSummary(data).split('\n');

  it('lists checks per group with ✓/✗ and the pass percentage', () => {
    assert.ok(lines.includes('     ✓ success completion'));
    assert.ok(lines.includes('     █ api'));
    assert.ok(lines.includes('       ✗ has body'));
    assert.ok(lines.includes('        ↳  50% — ✓ 1 / ✗ 1'));
  });

  it('prints metrics sorted, sub-metrics under their parent, dots aligned, thresholds marked', () => {
    const metricLines = lines.filter((line) => line.includes('.:'));
    assert.deepEqual(
      metricLines.map((line) => line.slice(0, line.indexOf('.')).trim()),
      [
        '✗ checks',
        'data_received',
        '✓ dropped_iterations',
        'group_duration',
        'http_req_duration',
        '✓ { expected_response:true }',
        'http_reqs',
        'ttft_seconds',
        'vus',
      ],
    );
    const colons = new Set(metricLines.map((line) => line.indexOf('.:')));
    assert.equal(colons.size, 1, 'every name is padded with dots to the same column');
    assert.ok(
      lines.includes(
        '     http_req_duration..............: avg=400ms min=100ms med=200ms max=900ms p(90)=760ms p(95)=829.99ms',
      ),
    );
    assert.ok(lines.includes('     http_reqs......................: 3      1.5/s'));
    assert.ok(lines.includes('     data_received..................: 2.0 kB 1.0 kB/s'));
    assert.ok(lines.includes('     vus............................: 2      min=2    max=2'));
    assert.ok(lines.includes('   ✗ checks.........................: 75.00% ✓ 3      ✗ 1'));
  });

  it('uses summaryTimeUnit and summaryTrendStats', () => {
    const custom = buildSummaryData({
      ...finishedRun(),
      testRunDurationMs: 2000,
      summaryTrendStats: ['avg', 'count'],
      summaryTimeUnit: 's',
    });
    const line = renderTextSummary(custom)
      .split('\n')
      .find((l) => l.includes('http_req_duration.'));
    assert.match(line ?? '', /: avg=0\.40s count=3$/);
  });

  it('adds ANSI colours only when asked and frames the default output with blank lines', () => {
    assert.ok(!renderTextSummary(data).includes('\x1b['));
    assert.ok(renderTextSummary(data, { enableColors: true }).includes('\x1b[32m'));
    const framed = renderDefaultSummary(data);
    assert.ok(framed.startsWith('\n') && framed.endsWith('\n\n'));
  });
});

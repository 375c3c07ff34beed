import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { renderSeriesCsv, renderSummaryCsv } from '../../../src/report/render-csv.ts';
import { runMeta, sampleDiagnosis, writeRunFolder, writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-report-csv-'));

describe('render-csv', async () => {
  const analysis = await analyzeRun(writeSampleRun(root, '20260821-070000-light-abc123'));

  it('writes series.csv: one row per second, a column per error kind', () => {
    assert.equal(
      renderSeriesCsv(analysis),
      [
        't_s,seconds,active_vus,vus_steady,requests,failed,requests_per_s,output_tokens_per_s,prompt_tokens_per_s,offered_per_s,ttft_p50_ms,ttft_p95_ms,e2e_p95_ms,errors_http_503',
        '0,1,2,true,2,0,2,20,0,0,100.5,100.95,1000,0',
        '1,1,2,true,2,0,2,20,0,0,110.5,110.95,1000,0',
        '2,1,2,true,2,0,2,20,0,0,120.5,120.95,1000,0',
        '3,1,2,true,2,1,2,10,0,0,131,131,1000,1',
        '4,1,2,true,2,0,2,20,0,0,140.5,140.95,1855,0',
        '',
      ].join('\r\n'),
    );
  });

  it('writes summary.csv: a header and one row with the headline, goodput and verdict', () => {
    const [header, row, rest] = renderSummaryCsv(analysis, sampleDiagnosis).split('\r\n');
    assert.equal(rest, '');
    const cells = Object.fromEntries((header ?? '').split(',').map((name, i) => [name, row?.split(',')[i]]));
    assert.deepEqual(cells, {
      run_id: '20260821-070000-light-abc123',
      profile: 'light',
      preset: '',
      started_at: '2026-08-21T07:00:00.000Z',
      duration_s: '5',
      partial: 'false',
      exit_code: '0',
      engine: 'embedded',
      target: 'http://127.0.0.1:8080',
      requests: '10',
      failed: '1',
      error_share: '0.1',
      requests_per_s: '2',
      output_tokens_per_s: '18',
      peak_output_tokens_per_s: '20',
      ttft_p50_ms: '120',
      ttft_p90_ms: '125',
      ttft_p95_ms: '126',
      ttft_p99_ms: '129',
      itl_p50_ms: '50',
      itl_p90_ms: '55',
      itl_p95_ms: '56',
      itl_p99_ms: '59',
      tpot_p50_ms: '100',
      tpot_p90_ms: '105',
      tpot_p95_ms: '106',
      tpot_p99_ms: '109',
      e2e_p50_ms: '1000',
      e2e_p90_ms: '1005',
      e2e_p95_ms: '1006',
      e2e_p99_ms: '1009',
      goodput_per_s: '1.6',
      goodput_share: '0.8',
      verdict: 'gpu-bound',
    });
  });

  it('quotes and defuses hostile names', async () => {
    const dir = writeRunFolder(root, 'hostile', {
      meta: runMeta('hostile', { profile: '=HYPERLINK("http://evil","x")', target: '@SUM(1+1)' }),
    });
    const [, row] = renderSummaryCsv(await analyzeRun(dir)).split('\r\n');
    assert.ok(row?.startsWith(`hostile,"'=HYPERLINK(""http://evil"",""x"")",,`), row);
    assert.ok(row?.includes(",embedded,'@SUM(1+1),0,0,,0,"), row);
  });
});

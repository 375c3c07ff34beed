import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCellMetrics, sampleSorted } from '../../../src/campaign/read-cell-metrics.ts';
import { failUnlessComplete } from '../../../src/campaign/run-sweep.ts';
import type { CampaignRecord, CellResult } from '../../../src/campaign/types.ts';
import { pointLine, sampleMetricLines, writeSampleRun } from '../../helpers/run-folder.ts';

describe('readCellMetrics', () => {
  it('reads a cell from its saved run: counts, rates, percentiles, goodput and errors by kind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-cell-'));
    const dir = writeSampleRun(root, 'run-a');
    const m = await readCellMetrics(dir, 'e2e_p95=10s,ttft=2s,tpot=150ms,e2e=1500ms');
    assert.equal(m.requests, 10);
    assert.equal(m.failed, 1);
    assert.equal(m.outputTokens, 90);
    assert.equal(m.outputTokensPerSecond, 18);
    assert.equal(m.ttftP50, 120);
    assert.equal(m.ttftP95, 126);
    assert.equal(m.e2eP95, 1006);
    assert.deepEqual(m.errorsByKind, { http_503: 1 });
    assert.equal(m.proxyErrors, 0);
    // Of the 10 requests, 1 failed and 4-1 (E2E 1900 ms) misses e2e=1500ms: 8 met the targets over 5 s.
    assert.ok(
      m.goodputPerSecond !== undefined && Math.abs(m.goodputPerSecond * m.durationSeconds - 8) < 1e-9,
    );
    assert.deepEqual(m.e2eSample, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1900]);
  });

  it("counts nginx's own errors apart from the servers'", async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-cell-'));
    const lines = [
      ...sampleMetricLines(),
      pointLine('llm_errors', 4900, 1, { error_kind: 'proxy_502' }, 'p-1'),
      pointLine('llm_errors', 4950, 1, { error_kind: 'proxy_504' }, 'p-2'),
    ];
    const dir = writeSampleRun(root, 'run-b', { metrics: `${lines.join('\n')}\n` });
    const m = await readCellMetrics(dir);
    assert.deepEqual(m.errorsByKind, { http_503: 1, proxy_502: 1, proxy_504: 1 });
    assert.equal(m.proxyErrors, 2);
  });

  it('keeps an evenly spread, sorted sample of the latencies', () => {
    assert.deepEqual(sampleSorted([5, 1, 3], 10), [1, 3, 5]);
    assert.deepEqual(sampleSorted([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 4), [0, 3, 6, 9]);
  });
});

const result = (id: string, outcome: string): CellResult =>
  ({ cell: { id }, outcome, runId: id, metrics: { requests: 1 } }) as unknown as CellResult;

describe('failUnlessComplete', () => {
  const record = (results: CellResult[], extra: Partial<CampaignRecord> = {}): CampaignRecord =>
    ({
      id: 'c',
      cells: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      skipped: [{ cell: { id: 'c' }, reason: 'too big' }],
      results,
      ...extra,
    }) as unknown as CampaignRecord;

  it('passes a campaign whose every cell not skipped ran and served', () => {
    failUnlessComplete({
      dir: '/x',
      files: [],
      record: record([result('a', 'passed'), result('b', 'failed')]),
    });
  });

  it('fails with the cells left and why, or when no cell served', () => {
    assert.throws(
      () =>
        failUnlessComplete({
          dir: '/x',
          files: [],
          record: record([result('a', 'passed')], {
            deployFailures: [{ server: 1, preset: 'p', reason: 'deploy failed: exited', at: '' }],
          }),
        }),
      (error: Error & { exitCode?: number }) =>
        error.exitCode === 1 &&
        /1 cell\(s\) not run \(b\): deploy failed: exited; the same command tries them again/.test(
          error.message,
        ),
    );
    assert.throws(
      () =>
        failUnlessComplete({
          dir: '/x',
          files: [],
          record: record([result('a', 'failed'), result('b', 'error')]),
        }),
      (error: Error & { exitCode?: number }) => error.exitCode === 98 && /no cell served/.test(error.message),
    );
  });
});

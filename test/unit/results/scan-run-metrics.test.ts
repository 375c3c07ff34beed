import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { scanRunMetrics } from '../../../src/results/scan-run-metrics.ts';

const countErrorsByKind = async (path: string) => (await scanRunMetrics(path, [])).errorCounts;
async function readErrorsByKind(path: string) {
  const scan = await scanRunMetrics(path, []);
  return { counts: scan.errorCounts, messages: scan.errorMessages };
}

function errorLine(value: number, kind?: string, error?: string): string {
  const tags = kind ? { error_kind: kind } : {};
  const metadata = error === undefined ? {} : { metadata: { error, request_id: '1-0' } };
  return JSON.stringify({
    metric: 'llm_errors',
    type: 'Point',
    data: { time: '2026-08-21T07:43:41Z', value, tags, ...metadata },
  });
}

function writeMetrics(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'inferload-errors-')), 'metrics.json.gz');
  writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
  return path;
}

describe('scanRunMetrics: failed requests by kind', () => {
  it('counts failed llm_errors samples by error_kind from a gzip file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'inferload-errors-')), 'metrics.json.gz');
    const lines = [
      errorLine(0),
      errorLine(1, 'http_503'),
      errorLine(1, 'timeout'),
      errorLine(1, 'http_503'),
      errorLine(1),
      JSON.stringify({
        metric: 'vus',
        type: 'Point',
        data: { time: '2026-08-21T07:43:41Z', value: 1, tags: {} },
      }),
    ];
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
    assert.deepEqual(await countErrorsByKind(path), { http_503: 2, timeout: 1, unknown: 1 });
  });
});

describe('scanRunMetrics: the first messages of each kind', () => {
  it('keeps the first three distinct messages of each kind, in file order, beside the counts', async () => {
    const path = writeMetrics([
      errorLine(1, 'timeout', 'request timeout'),
      errorLine(1, 'timeout', 'request timeout'),
      errorLine(1, 'timeout'),
      errorLine(1, 'reset', 'read: connection reset by peer'),
      errorLine(1, 'timeout', 'Post "http://h/v1": context deadline exceeded'),
      errorLine(1, 'timeout', 'dial: i/o timeout'),
      errorLine(1, 'timeout', 'a fourth distinct one'),
      errorLine(0, 'timeout', 'a success carries no message worth keeping'),
    ]);
    assert.deepEqual(await readErrorsByKind(path), {
      counts: { timeout: 6, reset: 1 },
      messages: {
        timeout: ['request timeout', 'Post "http://h/v1": context deadline exceeded', 'dial: i/o timeout'],
        reset: ['read: connection reset by peer'],
      },
    });
    assert.deepEqual(await countErrorsByKind(path), { timeout: 6, reset: 1 });
  });
});

describe('scanRunMetrics: samples of the thresholded metrics', () => {
  it('counts the samples of the metrics asked for, and of llm_errors, and no others', async () => {
    const ttft = JSON.stringify({
      metric: 'llm_ttft',
      type: 'Point',
      data: { time: '2026-08-21T07:43:41Z', value: 5, tags: {} },
    });
    const itl = JSON.stringify({
      metric: 'llm_itl',
      type: 'Point',
      data: { time: '2026-08-21T07:43:41Z', value: 1, tags: {} },
    });
    const scan = await scanRunMetrics(writeMetrics([ttft, ttft, itl, errorLine(0), errorLine(1, 'reset')]), [
      'llm_ttft',
    ]);
    assert.deepEqual(scan.samples, { llm_ttft: 2, llm_errors: 2 });
  });
});

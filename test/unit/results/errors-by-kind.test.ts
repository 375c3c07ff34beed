import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countErrorsByKind } from '../../../src/results/errors-by-kind.ts';

function errorLine(value: number, kind?: string): string {
  const tags = kind ? { error_kind: kind } : {};
  return JSON.stringify({
    metric: 'llm_errors',
    type: 'Point',
    data: { time: '2026-08-21T07:43:41Z', value, tags },
  });
}

describe('countErrorsByKind', () => {
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

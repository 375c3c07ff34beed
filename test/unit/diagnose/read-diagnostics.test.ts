import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDiagnostics } from '../../../src/diagnose/read-diagnostics.ts';

const lines = [
  { source: 'note', t: 0, ts: 1, sampler: 'host', level: 'info', message: 'sampling CPUs 0,1 of 2' },
  { source: 'host', t: 1000, ts: 2, cpus: [0], busy: [50], onlineCpus: 1 },
  { source: 'gpu', t: 1000, ts: 2, tool: 'nvidia-smi', gpus: [] },
  { source: 'server', t: 1000, ts: 2, processing: 1 },
  { source: 'client', t: 1000, ts: 2, cpuPercent: 12 },
];

function withFile(text: string, check: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-diag-'));
  try {
    const path = join(dir, 'diagnostics.jsonl');
    writeFileSync(path, text);
    check(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('readDiagnostics', () => {
  it('reads every known record in order', () => {
    withFile(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`, (path) => {
      assert.deepEqual(readDiagnostics(path), lines);
    });
  });

  it('skips a last line cut short by a crash', () => {
    const text = `${JSON.stringify(lines[1])}\n${JSON.stringify(lines[3])}\n{"source":"host","t":2000,"ts":3,"cpus":[0],"bu`;
    withFile(text, (path) => assert.deepEqual(readDiagnostics(path), [lines[1], lines[3]]));
  });

  it('skips unknown sources, lines without a numeric t, and JSON that is not a record', () => {
    const text = [
      JSON.stringify({ source: 'disk', t: 1, ts: 1 }),
      JSON.stringify({ source: 'host', t: '1000', ts: 1 }),
      JSON.stringify({ source: 'host', ts: 1 }),
      'null',
      '42',
      '[]',
      '',
      JSON.stringify(lines[4]),
      '',
    ].join('\n');
    withFile(text, (path) => assert.deepEqual(readDiagnostics(path), [lines[4]]));
  });

  it('gives [] for a missing file and for an empty one', () => {
    assert.deepEqual(readDiagnostics(join(tmpdir(), 'inferload-no-such-dir', 'diagnostics.jsonl')), []);
    withFile('', (path) => assert.deepEqual(readDiagnostics(path), []));
  });

  it('throws on errors other than a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-diag-'));
    try {
      mkdirSync(join(dir, 'diagnostics.jsonl'));
      assert.throws(() => readDiagnostics(join(dir, 'diagnostics.jsonl')), { code: 'EISDIR' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

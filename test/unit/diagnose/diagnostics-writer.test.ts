import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnosticsRecord } from '../../../src/diagnose/diagnostics-record.ts';
import { openDiagnosticsWriter } from '../../../src/diagnose/diagnostics-writer.ts';
import { readDiagnostics } from '../../../src/diagnose/read-diagnostics.ts';

const host: DiagnosticsRecord = {
  source: 'host',
  t: 1000,
  ts: 2,
  cpus: [0, 1],
  busy: [12.5, 3],
  onlineCpus: 2,
};
const note: DiagnosticsRecord = {
  source: 'note',
  t: 0,
  ts: 1,
  sampler: 'gpu',
  level: 'warn',
  message: 'no GPU tool found',
};

function inTempDir(check: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-writer-'));
  try {
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('openDiagnosticsWriter', () => {
  it('writes one JSON line per record, on disk as soon as it is written', () => {
    inTempDir((dir) => {
      const path = join(dir, 'diagnostics.jsonl');
      const writer = openDiagnosticsWriter(path);
      writer.write(note);
      assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify(note)}\n`);
      writer.write(host);
      writer.close();
      assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify(note)}\n${JSON.stringify(host)}\n`);
      assert.deepEqual(readDiagnostics(path), [note, host]);
    });
  });

  it('appends to a file that already has lines', () => {
    inTempDir((dir) => {
      const path = join(dir, 'diagnostics.jsonl');
      writeFileSync(path, `${JSON.stringify(note)}\n`);
      const writer = openDiagnosticsWriter(path);
      writer.write(host);
      writer.close();
      assert.deepEqual(readDiagnostics(path), [note, host]);
    });
  });

  it('ignores writes after close, and a second close', () => {
    inTempDir((dir) => {
      const path = join(dir, 'diagnostics.jsonl');
      const writer = openDiagnosticsWriter(path);
      writer.write(host);
      writer.close();
      writer.write(note);
      assert.doesNotThrow(() => writer.close());
      assert.deepEqual(readDiagnostics(path), [host]);
    });
  });

  it('fails at once when the run folder does not exist', () => {
    inTempDir((dir) => {
      assert.throws(() => openDiagnosticsWriter(join(dir, 'missing', 'diagnostics.jsonl')), {
        code: 'ENOENT',
      });
    });
  });
});

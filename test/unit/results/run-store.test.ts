import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedRunFileError } from '../../../src/results/damaged-run-file.ts';
import { listRuns, readRunMeta } from '../../../src/results/run-store.ts';
import { runMeta, writeRunFolder } from '../../helpers/run-folder.ts';

describe('readRunMeta and listRuns', () => {
  it("take a run's id from its folder's name, so that copies keep distinct ids", () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-store-'));
    const id = '20260821-070000-light-aaa111';
    const dir = writeRunFolder(root, id, { meta: runMeta(id) });
    cpSync(dir, join(root, 'copy'), { recursive: true });
    assert.equal(readRunMeta(join(root, 'copy')).id, 'copy');
    assert.equal(readRunMeta(dir).id, id);
    assert.deepEqual(
      listRuns(root).map((meta) => meta.id),
      ['copy', id],
    );
  });

  it('throw a DamagedRunFileError naming a corrupt meta.json, which listRuns leaves to listRunFolders', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-store-'));
    const dir = writeRunFolder(root, 'broken', {});
    writeFileSync(join(dir, 'meta.json'), '{"id": "broken", ');
    assert.throws(
      () => readRunMeta(dir),
      (error: unknown) => {
        assert.ok(error instanceof DamagedRunFileError);
        assert.equal(error.damage.file, 'meta.json');
        assert.equal(error.damage.problem, 'not valid JSON (Unexpected end of JSON input at line 1)');
        assert.match(
          error.message,
          /broken\/meta\.json: not valid JSON \(Unexpected end of JSON input at line 1\); /,
        );
        return true;
      },
    );
    assert.deepEqual(listRuns(root), []);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunFolders } from '../../../src/results/run-folders.ts';
import { runMeta, sampleSummary, writeRunFolder } from '../../helpers/run-folder.ts';

describe('listRunFolders', () => {
  it('lists a run whose meta.json is corrupt as damaged, naming the file and the damage', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-folders-'));
    writeRunFolder(root, '20260821-070000-light-aaa111', { meta: runMeta('20260821-070000-light-aaa111') });
    const dir = writeRunFolder(root, '20260822-080000-light-bad000', { summary: sampleSummary });
    writeFileSync(join(dir, 'meta.json'), '{\n  "id": "20260822-080000-light-bad000",\n  "profile": "li');
    const folders = listRunFolders(root);
    assert.deepEqual(
      folders.map((f) => f.id),
      ['20260822-080000-light-bad000', '20260821-070000-light-aaa111'],
    );
    assert.deepEqual(folders[0], {
      id: '20260822-080000-light-bad000',
      dir,
      // From the folder's name: meta.json cannot say.
      startedAt: '2026-08-22T08:00:00.000Z',
      damage: {
        path: join(dir, 'meta.json'),
        file: 'meta.json',
        problem: 'not valid JSON (Unexpected end of JSON input at line 3)',
        recovered:
          'the run cannot be read without it (its figures may still be in the other files of its folder)',
        unusable: true,
      },
    });
  });

  it('says which field of a parsed meta.json is unusable', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-folders-'));
    writeRunFolder(root, 'no-start', { meta: runMeta('no-start', { startedAt: 'yesterday' }) });
    writeRunFolder(root, 'array', {});
    writeFileSync(join(root, 'array', 'meta.json'), '[]');
    const problems = Object.fromEntries(
      listRunFolders(root).map((f) => [f.id, 'damage' in f ? f.damage.problem : 'readable']),
    );
    assert.deepEqual(problems, {
      'no-start': 'startedAt: expected an ISO date, got "yesterday"',
      array: "not a run's meta.json (expected an object, got an array)",
    });
  });

  it('lists a folder holding run files without meta.json as damaged, and skips what is not a run', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-folders-'));
    writeFileSync(join(root, 'README.md'), 'saved runs\n');
    mkdirSync(join(root, 'compare-20260821-070000'));
    writeFileSync(join(root, 'compare-20260821-070000', 'compare.html'), '<html>');
    mkdirSync(join(root, 'never-started'));
    writeRunFolder(root, 'lost-meta', { metrics: 'x\n' });
    const folders = listRunFolders(root);
    assert.deepEqual(
      folders.map((f) => [f.id, 'damage' in f ? f.damage.problem : 'readable']),
      [['lost-meta', 'missing']],
    );
  });

  it('gives each copy of a run folder its folder name as id, keeping the recorded id aside', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-folders-'));
    const id = '20260821-070000-light-aaa111';
    const original = writeRunFolder(root, id, { meta: runMeta(id) });
    cpSync(original, join(root, `${id}-copy`), { recursive: true });
    const folders = listRunFolders(root);
    assert.deepEqual(
      folders.map((f) => [f.id, f.dir, 'meta' in f ? f.meta.id : '', 'recordedId' in f ? f.recordedId : '']),
      [
        [`${id}-copy`, join(root, `${id}-copy`), `${id}-copy`, id],
        [id, original, id, ''],
      ],
    );
  });
});

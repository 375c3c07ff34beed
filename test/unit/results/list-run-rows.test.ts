import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunRows } from '../../../src/results/list-run-rows.ts';
import { runMeta, sampleSummary, writeRunFolder } from '../../helpers/run-folder.ts';

describe('listRunRows', () => {
  it('reads meta.json and summary.json of every run, newest first', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-rows-'));
    writeRunFolder(root, 'old', { meta: runMeta('old'), summary: sampleSummary, metrics: 'never read' });
    writeRunFolder(root, 'new', {
      meta: runMeta('new', {
        startedAt: '2026-08-22T07:00:00.000Z',
        endedAt: undefined,
        partial: true,
        exitCode: 105,
      }),
    });
    const cut = writeRunFolder(root, 'cut', {
      meta: runMeta('cut', { startedAt: '2026-08-20T07:00:00.000Z' }),
    });
    writeFileSync(join(cut, 'summary.json'), '{"metrics": {');
    assert.deepEqual(listRunRows(root), [
      {
        id: 'new',
        startedAt: '2026-08-22T07:00:00.000Z',
        profile: 'light',
        target: 'http://127.0.0.1:8080',
        partial: true,
        exitCode: 105,
      },
      {
        id: 'old',
        startedAt: '2026-08-21T07:00:00.000Z',
        profile: 'light',
        target: 'http://127.0.0.1:8080',
        durationSeconds: 6,
        partial: false,
        exitCode: 0,
        requests: 10,
        outputTokensPerSecond: 18,
        e2eP95Ms: 1006,
      },
      {
        id: 'cut',
        startedAt: '2026-08-20T07:00:00.000Z',
        profile: 'light',
        target: 'http://127.0.0.1:8080',
        durationSeconds: 86_400 + 6,
        partial: false,
        exitCode: 0,
        damaged: 'summary.json: not valid JSON (Unexpected end of JSON input at line 1)',
      },
    ]);
  });

  it('lists a run whose meta.json is corrupt as damaged, and copies of a folder under their own ids', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-rows-'));
    const id = '20260821-070000-light-aaa111';
    writeRunFolder(root, id, { meta: runMeta(id), summary: sampleSummary });
    cpSync(join(root, id), join(root, `${id}-copy`), { recursive: true });
    const bad = writeRunFolder(root, '20260823-090000-heavy-bad000', { summary: sampleSummary });
    writeFileSync(join(bad, 'meta.json'), 'not json at all');
    const rows = listRunRows(root);
    assert.deepEqual(rows[0], {
      id: '20260823-090000-heavy-bad000',
      startedAt: '2026-08-23T09:00:00.000Z',
      profile: '-',
      target: '-',
      partial: false,
      damaged: 'meta.json: not valid JSON (Unexpected token \'o\', "not json at all" is not valid JSON)',
    });
    // Same start: the greater id first.
    assert.deepEqual(
      rows.slice(1).map((r) => [r.id, r.requests]),
      [
        [`${id}-copy`, 10],
        [id, 10],
      ],
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
      },
    ]);
  });
});

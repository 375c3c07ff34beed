import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerRuns } from '../../../src/commands/runs.ts';
import { runMeta, sampleSummary, writeRunFolder } from '../../helpers/run-folder.ts';
import { runCommand } from '../../helpers/run-command.ts';

describe('inferload runs', () => {
  it('lists the saved runs, newest first', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-runs-cmd-'));
    process.env['INFERLOAD_BENCHMARKS'] = root;
    writeRunFolder(root, 'one', { meta: runMeta('one'), summary: sampleSummary });
    writeRunFolder(root, 'two', {
      meta: runMeta('two', { startedAt: '2026-08-22T07:00:00.000Z', partial: true }),
    });
    const { out, error } = await runCommand(registerRuns, 'runs');
    assert.equal(error, undefined);
    const lines = out.split('\n');
    assert.match(
      lines[0] ?? '',
      /^id +started \(UTC\) +profile +preset +target +duration +requests +output +p95 E2E +status$/,
    );
    assert.match(lines[1] ?? '', /^two .* partial \(exit 0\)$/);
    assert.match(lines[2] ?? '', /^one {2}2026-08-21 07:00:00 {2}light .* 10 +18 tok\/s +1.01 s +ok$/);
  });
});

describe('inferload runs on damaged runs', () => {
  it('lists a run whose meta.json is corrupt as damaged, warns about it, and shows copies under their own ids', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-runs-cmd-'));
    process.env['INFERLOAD_BENCHMARKS'] = root;
    writeFileSync(join(root, 'README.md'), 'saved runs\n');
    const id = '20260821-070000-light-aaa111';
    writeRunFolder(root, id, { meta: runMeta(id), summary: sampleSummary });
    cpSync(join(root, id), join(root, 'copy'), { recursive: true });
    const bad = writeRunFolder(root, '20260822-070000-heavy-bad000', { summary: sampleSummary });
    writeFileSync(join(bad, 'meta.json'), '{"id": "20260822-070000-heavy-bad000", "startedAt": "2026-0');
    writeFileSync(join(root, id, 'summary.json'), '{"metrics": ');
    const { out, err, error } = await runCommand(registerRuns, 'runs');
    assert.equal(error, undefined);
    const lines = out.split('\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[1] ?? '',
      /^20260822-070000-heavy-bad000 +2026-08-22 07:00:00 +- +- +- +– +– +– +– +damaged: meta\.json: not valid JSON \(Unexpected end of JSON input at line 1\)$/,
    );
    // Same start: the greater id first; the copy's summary is whole, the original's is cut.
    assert.match(lines[2] ?? '', /^copy .* 10 +18 tok\/s +1\.01 s +ok$/);
    assert.match(
      lines[3] ?? '',
      new RegExp(
        `^${id} .* ok, damaged: summary\\.json: not valid JSON \\(Unexpected end of JSON input at line 1\\)$`,
      ),
    );
    assert.deepEqual(err.split('\n'), [
      `warning: ${join(bad, 'meta.json')}: not valid JSON (Unexpected end of JSON input at line 1)`,
      `warning: ${join(root, id, 'summary.json')}: not valid JSON (Unexpected end of JSON input at line 1)`,
    ]);
  });
});

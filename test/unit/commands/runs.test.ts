import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
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

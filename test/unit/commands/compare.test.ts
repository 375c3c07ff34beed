import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCompare } from '../../../src/commands/compare.ts';
import { UserError } from '../../../src/util/errors.ts';
import { runMeta, writeSampleRun } from '../../helpers/run-folder.ts';
import { runCommand } from '../../helpers/run-command.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-compare-cmd-'));
process.env['INFERLOAD_BENCHMARKS'] = root;
for (const id of ['20260821-070000-light-aaa111', '20260821-080000-light-bbb222']) {
  writeSampleRun(root, id, { meta: runMeta(id) });
}

describe('inferload compare', () => {
  it('compares runs into --out and names the best one', async () => {
    const out = join(root, 'out');
    const result = await runCommand(
      registerCompare,
      'compare',
      '20260821-07',
      '20260821-08',
      '--objective',
      'errors=20%',
      '--out',
      out,
    );
    assert.equal(result.error, undefined);
    assert.equal(
      result.out,
      [
        'best: light aaa111 (20260821-070000-light-aaa111)',
        join(out, 'compare.html'),
        join(out, 'compare.md'),
      ].join('\n'),
    );
    assert.ok(existsSync(join(out, 'compare.html')));
  });

  it('refuses fewer than two runs, and the same run twice', async () => {
    const one = await runCommand(registerCompare, 'compare', 'latest');
    assert.ok(one.error instanceof UserError);
    assert.equal(one.error.message, 'compare: expected at least 2 runs, got 1 (latest)');
    const twice = await runCommand(registerCompare, 'compare', 'latest', '20260821-08');
    assert.ok(twice.error instanceof UserError);
    assert.match(
      twice.error.message,
      /compare: .*20260821-080000-light-bbb222 is given twice; expected different runs/,
    );
  });
});

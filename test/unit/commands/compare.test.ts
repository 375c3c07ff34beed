import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('inferload compare on damaged runs', () => {
  it('compares what could be read and warns about each damaged file on stderr', async () => {
    const damagedRoot = mkdtempSync(join(tmpdir(), 'inferload-compare-damaged-'));
    const whole = writeSampleRun(damagedRoot, '20260821-070000-light-ccc333');
    const cut = writeSampleRun(damagedRoot, '20260821-080000-light-ddd444');
    writeFileSync(join(cut, 'summary.json'), '{"metrics": {');
    const out = join(damagedRoot, 'out');
    const result = await runCommand(registerCompare, 'compare', whole, cut, '--out', out);
    assert.equal(result.error, undefined);
    assert.equal(
      result.err,
      `warning: ${join(cut, 'summary.json')}: not valid JSON (Unexpected end of JSON input at line 1); the run's summary is damaged; the figures are recomputed from metrics.json.gz (the thresholds cannot be)`,
    );
    assert.match(readFileSync(join(out, 'compare.md'), 'utf8'), /\*\*Damaged run files:\*\*/);
  });
});

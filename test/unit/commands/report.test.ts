import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerReport } from '../../../src/commands/report.ts';
import { UserError } from '../../../src/util/errors.ts';
import { runMeta, writeSampleRun } from '../../helpers/run-folder.ts';
import { runCommand } from '../../helpers/run-command.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-report-cmd-'));
process.env['INFERLOAD_BENCHMARKS'] = root;
const id = '20260821-070000-light-abc123';
const dir = writeSampleRun(root, id, { meta: runMeta(id) });

describe('inferload report', () => {
  it('reports the latest run by default and prints the paths written', async () => {
    const { out, error } = await runCommand(registerReport, 'report');
    assert.equal(error, undefined);
    const paths = ['report.html', 'report.md', 'series.csv', 'summary.csv'].map((name) => join(dir, name));
    assert.equal(out, paths.join('\n'));
    assert.ok(paths.every((path) => existsSync(path)));
  });

  it('takes a prefix, and refuses an unknown run or a bad objective naming what was expected', async () => {
    assert.equal((await runCommand(registerReport, 'report', '20260821-07')).error, undefined);
    const unknown = await runCommand(registerReport, 'report', 'nope');
    assert.ok(unknown.error instanceof UserError);
    assert.match(unknown.error.message, new RegExp(`run 'nope': no such run .*recent runs: ${id}`));
    const bad = await runCommand(registerReport, 'report', '--objective', 'ttft=fast');
    assert.ok(bad.error instanceof UserError);
    assert.match(bad.error.message, /objective: ttft expects a duration such as 8s or 500ms, got 'fast'/);
  });
});

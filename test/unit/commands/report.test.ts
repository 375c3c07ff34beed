import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { registerReport } from '../../../src/commands/report.ts';
import { UserError } from '../../../src/util/errors.ts';
import { runMeta, sampleMetricLines, writeSampleRun } from '../../helpers/run-folder.ts';
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

describe('inferload report on damaged runs', () => {
  const damagedRoot = mkdtempSync(join(tmpdir(), 'inferload-report-damaged-'));

  it('renders what was recovered, with the damage on stderr, and succeeds', async () => {
    const run = writeSampleRun(damagedRoot, '20260821-070000-light-cut001');
    const gz = gzipSync(`${sampleMetricLines().join('\n')}\n`);
    writeFileSync(join(run, 'metrics.json.gz'), gz.subarray(0, gz.length - 8));
    const { out, err, error } = await runCommand(registerReport, 'report', run);
    assert.equal(error, undefined);
    assert.equal(
      err,
      `warning: ${join(run, 'metrics.json.gz')}: cut short (the gzip stream ends without its trailer); read 69 points up to there (4.6 s into the run) — figures after that moment are missing`,
    );
    assert.equal(out.split('\n')[0], join(run, 'report.html'));
    assert.match(readFileSync(join(run, 'report.html'), 'utf8'), /data-damage/);
  });

  it('fails when nothing could be recovered, after writing the report that says so', async () => {
    const run = writeSampleRun(damagedRoot, '20260821-080000-light-lost01');
    writeFileSync(join(run, 'metrics.json.gz'), Buffer.concat([Buffer.from('PK'), randomBytes(64)]));
    writeFileSync(join(run, 'summary.json'), '{"metrics": {"iterations": {"count": 10,');
    const { err, error } = await runCommand(registerReport, 'report', run);
    assert.ok(error instanceof UserError);
    assert.equal(error.exitCode, 1);
    assert.equal(
      error.message,
      `${run}: nothing could be recovered from this run's files (see the warnings above)`,
    );
    assert.deepEqual(err.split('\n'), [
      `warning: ${join(run, 'metrics.json.gz')}: not gzip (incorrect header check); nothing could be read from it: no per-second series, distributions, error kinds or goodput`,
      `warning: ${join(run, 'summary.json')}: not valid JSON (Unexpected end of JSON input at line 1); the run's summary is damaged and cannot be recovered: metrics.json.gz is unreadable too`,
    ]);
    assert.match(readFileSync(join(run, 'report.md'), 'utf8'), /Damaged run files/);
  });

  it('refuses a run whose meta.json is corrupt, naming the file and the damage', async () => {
    const run = writeSampleRun(damagedRoot, '20260821-090000-light-meta01');
    writeFileSync(join(run, 'meta.json'), '{"id": ');
    const { error } = await runCommand(registerReport, 'report', run);
    assert.ok(error instanceof UserError);
    assert.equal(
      error.message,
      `${join(run, 'meta.json')}: not valid JSON (Unexpected end of JSON input at line 1); the run cannot be read without it (its figures may still be in the other files of its folder)`,
    );
  });
});

// Damaged run folders as a user meets them on the command line: the exit code, the warnings on stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../../helpers/run-cli.ts';
import { sampleMetricLines, writeSampleRun } from '../../helpers/run-folder.ts';

describe('damaged runs on the command line', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'inferload-damaged-cli-'));
  const env = { INFERLOAD_BENCHMARKS: root };

  it('report: renders a run cut short with a warning and exit 0; a run with nothing left exits 1', async () => {
    const cut = writeSampleRun(root, '20260821-070000-light-cut001');
    const gz = gzipSync(`${sampleMetricLines().join('\n')}\n`);
    writeFileSync(join(cut, 'metrics.json.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const rendered = await runCli(['report', '20260821-070000-light-cut001'], env);
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.match(
      rendered.stderr,
      /^warning: \S+\/20260821-070000-light-cut001\/metrics\.json\.gz: cut short \(the gzip stream ends without its trailer\); read \d+ points up to there \(\d\.\d s into the run\) — figures after that moment are missing\n$/,
    );
    const lost = writeSampleRun(root, '20260821-080000-light-lost01');
    writeFileSync(join(lost, 'metrics.json.gz'), 'PK\u0003\u0004 not gzip');
    writeFileSync(join(lost, 'summary.json'), '');
    const failed = await runCli(['report', '20260821-080000-light-lost01'], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /metrics\.json\.gz: not gzip \(incorrect header check\)/);
    assert.match(failed.stderr, /summary\.json: not valid JSON \(the file is empty\)/);
    assert.match(failed.stderr, /inferload: \S+: nothing could be recovered from this run's files/);
  });

  it('runs: lists a run whose meta.json is corrupt as damaged instead of hiding it', async () => {
    const bad = writeSampleRun(root, '20260821-090000-light-meta01');
    writeFileSync(join(bad, 'meta.json'), '\u0000\u0001 binary');
    const listed = await runCli(['runs'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^20260821-090000-light-meta01 .* damaged: meta\.json: not valid JSON \(/m);
    assert.match(listed.stderr, /^warning: \S+\/20260821-090000-light-meta01\/meta\.json: not valid JSON/m);
  });
});

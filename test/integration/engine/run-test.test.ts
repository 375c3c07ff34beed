// The embedded engine end to end: real scripts, a real loopback server, k6's exit codes and summary files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../src/engine/run/run-test.ts';
import { startSim } from '../../../src/sim/server.ts';
import { UserError } from '../../../src/util/errors.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'k6');
const tmp = mkdtempSync(join(tmpdir(), 'inferload-engine-'));

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('embedded engine runs', { timeout: 120_000 }, () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  let target: string;

  before(async () => {
    sim = await startSim({ decodeMsPerToken: 1, promptTokensPerSecond: 100_000 });
    target = sim.url;
  });
  after(() => sim.close());

  async function run(script: string, extra: Partial<Parameters<typeof runTest>[0]> = {}) {
    const stdout = collect();
    const stderr = collect();
    const result = await runTest({
      scriptPath: join(fixtures, script),
      env: { TARGET: target, SUMMARY_OUT: join(tmp, `${script}.summary.json`) },
      stdout: stdout.stream,
      stderr: stderr.stream,
      ...extra,
    });
    return { result, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('keeps k6 semantics: setup data copies, per-VU state, SharedArray, groups, checks, thresholds', async () => {
    const exportFile = join(tmp, 'semantics-export.json');
    const { result, stderr } = await run('semantics.js', { summaryExport: exportFile });
    assert.equal(result.exitCode, 0, stderr);
    const handled = JSON.parse(readFileSync(join(tmp, 'semantics.js.summary.json'), 'utf8')) as {
      checks: { name: string; passes: number; fails: number; path: string }[];
      metrics: Record<string, { type: string; values: Record<string, number> }>;
    };
    assert.equal(handled.checks.length, 6);
    for (const check of handled.checks) {
      assert.deepEqual([check.name, check.passes, check.fails], [check.name, 12, 0]);
      assert.ok(check.path.startsWith('::api::'));
    }
    assert.equal(handled.metrics['per_vu_iterations{scenario:fixed}']?.values['count'], 12);
    assert.equal(handled.metrics['http_req_duration']?.type, 'trend');
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as {
      metrics: Record<string, Record<string, number | Record<string, boolean>>>;
    };
    assert.equal(exported.metrics['iterations']?.['count'], 12);
    assert.equal(exported.metrics['http_reqs']?.['count'], 12);
    assert.deepEqual(exported.metrics['checks']?.['thresholds'], { 'rate==1': false });
    const ids = exported.metrics['vu_ids'];
    assert.deepEqual([ids?.['min'], ids?.['max']], [1, 3]);
  });

  it('attaches exec.vu.metrics.metadata to samples as k6 does: in the data of each point, never as a tag', async () => {
    const jsonOut = join(tmp, 'metadata.json');
    const { result, stderr } = await run('metadata.js', { jsonOut });
    assert.equal(result.exitCode, 0, stderr);
    const points = readFileSync(jsonOut, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"marked"') && l.includes('"Point"'))
      .map(
        (l) => JSON.parse(l) as { data: { value: number; tags: Record<string, string>; metadata?: unknown } },
      );
    assert.deepEqual(
      points.map((p) => [p.data.value, p.data.metadata]),
      [
        [1, { request_id: 'r-0' }],
        [2, undefined],
        [1, { request_id: 'r-1' }],
        [2, undefined],
      ],
    );
    assert.ok(points.every((p) => !('request_id' in p.data.tags)));
  });

  it('fails an iteration whose request was not awaited, naming the call', async () => {
    const { result, stderr } = await run('forgotten-await.js');
    assert.equal(result.exitCode, 0);
    assert.match(stderr, /forgotten await: http\.get\(.*\/health\) was still running/);
    assert.equal(stderr.match(/forgotten await/g)?.length, 2);
  });

  it('exits 99 when a threshold fails, and the summary marks it', async () => {
    const exportFile = join(tmp, 'thresholds-export.json');
    const { result } = await run('thresholds-fail.js', { summaryExport: exportFile });
    assert.equal(result.exitCode, 99);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as {
      metrics: Record<string, { thresholds?: Record<string, boolean> }>;
    };
    assert.deepEqual(exported.metrics['http_req_duration']?.thresholds, { 'max<0': true });
  });

  it('exits 108 on exec.test.abort() and 110 on exec.test.fail()', async () => {
    const aborted = await run('abort.js');
    assert.equal(aborted.result.exitCode, 108);
    assert.match(aborted.result.reason ?? '', /enough/);
    const failed = await run('test-fail.js');
    assert.equal(failed.result.exitCode, 110);
  });

  it('rejects broken scripts with k6 exit codes: 107 init exception, 104 invalid options', async () => {
    await assert.rejects(
      run('init-error.js'),
      (e: unknown) => e instanceof UserError && e.exitCode === 107 && /broken init code/.test(e.message),
    );
    await assert.rejects(
      run('bad-options.js'),
      (e: unknown) => e instanceof UserError && e.exitCode === 104 && /bogusKey/.test(e.message),
    );
  });

  it('names unknown modules and unimplemented APIs instead of failing silently', async () => {
    await assert.rejects(run('unknown-module.js'), /unknown module: k6\/net\/grpc/);
    const { stderr } = await run('not-implemented.js');
    assert.match(stderr, /k6\/http\.file is not implemented by inferload's embedded engine/);
    await assert.rejects(
      run('not-implemented-named.js'),
      (e: unknown) =>
        e instanceof UserError &&
        e.exitCode === 107 &&
        /imports k6\/http\.file: .*not implemented/.test(e.message),
    );
  });

  it('stops on interrupt (Ctrl-C) with exit 105 and still writes the summary of what was measured', async () => {
    const controller = new AbortController();
    const exportFile = join(tmp, 'interrupted-export.json');
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    const { result } = await run('long-running.js', { signal: controller.signal, summaryExport: exportFile });
    assert.equal(result.exitCode, 105);
    assert.ok(Date.now() - started < 20_000, 'stops long before the 60 s duration');
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as {
      metrics: Record<string, Record<string, number>>;
    };
    assert.ok(
      (exported.metrics['done_requests']?.['count'] ?? 0) > 0,
      'requests before the interrupt are kept',
    );
  });
});

// `inferload stress-test` as a user runs it: engine choice, the saved run, and Ctrl-C keeping what was measured.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';
import type { RunMeta } from '../../../src/results/run-store.ts';

const fakeK6 = join(projectRoot, 'test', 'fixtures', 'fake-k6');
const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

function onlyRun(root: string): { dir: string; meta: RunMeta } {
  const [id, ...rest] = readdirSync(root);
  assert.ok(id !== undefined && rest.length === 0, `exactly one run saved in ${root}`);
  const dir = join(root, id);
  return { dir, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as RunMeta };
}

describe('inferload stress-test', { timeout: 180_000 }, () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSim({ slots: 8, decodeMsPerToken: 2, promptTokensPerSecond: 20_000 });
  });
  after(() => sim.close());

  it('hands the streaming bundle to a k6 that has xk6-sse, with the run saved for it', async () => {
    const runs = temp('inferload-runs-');
    const argsFile = join(temp('inferload-k6args-'), 'args');
    const result = await runCli(
      ['stress-test', '--target', sim.url, '--time-scale', '0.01', '--max-tokens', '8'],
      { INFERLOAD_BENCHMARKS: runs, K6_BIN: fakeK6, FAKE_K6_SSE: '1', FAKE_K6_ARGS: argsFile },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /engine: k6 found: k6 v1\.3\.0/);
    const { dir, meta } = onlyRun(runs);
    assert.deepEqual([meta.engine, meta.partial, meta.exitCode, meta.profile], ['k6', false, 0, 'light']);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    assert.ok(args.at(-1)?.endsWith('dist/k6/light.js'));
    assert.ok(args.includes(`TARGET_URL=${sim.url}`) && args.includes('TIME_SCALE=0.01'));
    assert.ok(args.includes(`json=${join(dir, 'metrics.json.gz')}`));
    assert.ok(existsSync(join(dir, 'summary.json')));
    assert.match(result.stdout, /^TTFT +\d/m);
  });

  it('gives a plain k6 the .http.js bundle when not streaming, and the embedded engine when streaming', async () => {
    const argsFile = join(temp('inferload-k6args-'), 'args');
    const env = { INFERLOAD_BENCHMARKS: temp('inferload-runs-'), K6_BIN: fakeK6, FAKE_K6_ARGS: argsFile };
    const plain = await runCli(
      ['stress-test', '--target', sim.url, '--time-scale', '0.005', '--max-tokens', '4', '--stream', 'false'],
      env,
    );
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(readFileSync(argsFile, 'utf8').trim().endsWith('dist/k6/light.http.js'));
    const streaming = await runCli(
      ['stress-test', '--target', sim.url, '--time-scale', '0.005', '--max-tokens', '4'],
      env,
    );
    assert.equal(streaming.code, 0, streaming.stderr);
    assert.match(
      streaming.stderr,
      /engine: embedded engine \(.*fake-k6 has no k6\/x\/sse extension for streaming\)/,
    );
  });

  it('on Ctrl-C stops the load, keeps what was measured and marks the run partial (exit 105)', async () => {
    const runs = temp('inferload-runs-');
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin/inferload.js'), 'stress-test', '--target', sim.url, '--max-tokens', '8'],
      {
        env: { ...process.env, INFERLOAD_BENCHMARKS: runs, K6_BIN: '/nonexistent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Wait until the run has started measuring, then interrupt it as Ctrl-C would.
    while (!stderr.includes('saving to')) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 105, stderr);
    assert.match(stdout, /saved: .* \(partial\)/);
    const { dir, meta } = onlyRun(runs);
    assert.deepEqual([meta.partial, meta.exitCode], [true, 105]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      metrics: Record<string, Record<string, number>>;
    };
    assert.ok(
      (summary.metrics['llm_output_tokens_total']?.['count'] ?? 0) > 0,
      'tokens measured before Ctrl-C are kept',
    );
    assert.match(stdout, /^requests +\d+/m);
  });
});

// The command line as a user runs it: verbs, errors, the local target through the simulator fallback.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand } from '../helpers/run-cli.ts';
import { findFreePort } from '../../src/local/free-port.ts';

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

describe('inferload CLI', { timeout: 180_000 }, () => {
  it('lists its commands', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0);
    for (const verb of ['local', 'sim', 'model', 'demo'])
      assert.match(result.stdout, new RegExp(`\\b${verb}\\b`));
  });

  it('rejects a bad option value naming the option and the expected range', async () => {
    const result = await runCli(['local', 'start', '--slots', '0'], {
      INFERLOAD_STATE: tempDir('inferload-state-'),
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--slots: expected an integer from 1 to 256, got '0'/);
  });

  it('starts, reports and stops the simulator as the local target', async () => {
    const env = { INFERLOAD_STATE: tempDir('inferload-state-') };
    const started = await runCli(['local', 'start', '--backend', 'sim', '--slots', '3'], env);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /^sim ready: http:\/\/127\.0\.0\.1:(\d+) \(pid \d+, 3 slots\)/);
    const status = await runCli(['local', 'status'], env);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /healthy/);
    const stopped = await runCli(['local', 'stop'], env);
    assert.match(stopped.stdout, /^stopped sim pid \d+/);
    const after = await runCli(['local', 'status'], env);
    assert.equal(after.code, 1);
    assert.match(after.stdout, /no local server recorded/);
  });

  it('falls back to the simulator, and says so, when llama-server cannot be installed', async () => {
    const env = {
      INFERLOAD_STATE: tempDir('inferload-state-'),
      INFERLOAD_CACHE: tempDir('inferload-cache-'),
      // A closed loopback port: apt cannot reach a mirror, so the set-up reports it cannot run here.
      INFERLOAD_DEBIAN_MIRROR: 'http://127.0.0.1:9/debian',
      INFERLOAD_BENCHMARKS: tempDir('inferload-runs-'),
    };
    const result = await runCli(['demo', '--max-tokens', '8', '--time-scale', '0.02'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /note: llama-server cannot run here \(.+\); using the simulator/);
    assert.match(result.stdout, /target: sim at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(
      result.stdout,
      /request 1: ttft \d+\.\d ms, itl p50 [\d.]+ ms, e2e [\d.]+ ms, prompt \d+ tok, output 8 tok/,
    );
    assert.match(result.stdout, /light profile at TIME_SCALE=0\.02/);
    assert.match(result.stdout, /^TTFT +\d/m);
    assert.ok(result.stdout.includes(`saved: ${env.INFERLOAD_BENCHMARKS}/`), result.stdout);
  });

  it('stress-test names the valid profiles for an unknown one', async () => {
    const result = await runCli(['stress-test', '--profile', 'huge', '--target', 'http://127.0.0.1:9']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /unknown profile 'huge': expected one of heavy, light, medium, saturation, soak/,
    );
  });

  it('stress-test stops before any load when the target is unreachable, and saves no run', async () => {
    const runs = tempDir('inferload-runs-');
    const port = await findFreePort();
    const result = await runCli(['stress-test', '--target', `http://127.0.0.1:${port}`], {
      INFERLOAD_BENCHMARKS: runs,
    });
    assert.equal(result.code, 2);
    assert.ok(
      result.stderr.includes(
        `target not ready: http://127.0.0.1:${port}/health: nothing listens at 127.0.0.1:${port} (connection refused)`,
      ),
      result.stderr,
    );
    assert.deepEqual(readdirSync(runs), []);
  });

  it('make report, diagnose and compare name the missing run, and compare asks for RUNS', async () => {
    const env = { INFERLOAD_BENCHMARKS: mkdtempSync(join(tmpdir(), 'inferload-noruns-')) };
    for (const verb of ['report', 'diagnose']) {
      const result = await runCommand('make', ['-s', verb, 'RUN=20991231'], env);
      assert.equal(result.code, 2, `make ${verb} fails`);
      assert.match(result.stderr, /no saved runs in .*inferload-noruns-.*make stress-test/);
    }
    const compare = await runCommand('make', ['-s', 'compare'], env);
    assert.equal(compare.code, 2);
    assert.match(compare.stdout, /RUNS="<run> <run> \.\.\." is required/);
    // OBJECTIVE reaches the CLI verbatim (through the environment): quotes and $(...) are just text.
    const hostile = await runCommand(
      'make',
      ['-s', 'compare', 'RUNS=a b', "OBJECTIVE=e2e_p95=5s,x'$(id)=1"],
      env,
    );
    assert.equal(hostile.code, 2);
    assert.match(hostile.stderr, /unknown key 'x''/);
    assert.match(hostile.stderr, /e2e_p95/, 'names the valid keys');
  });
});

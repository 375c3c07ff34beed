// `soak --server` against a deployed server in real podman (the simulator's vLLM image on this machine): the
// requests name the server's model, its container's pid is sampled, and its container is looked at before and
// after the run, so a container started again mid-soak is a restart even where the pid sampler alone would
// have to guess.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../src/local/free-port.ts';
import { createPodmanTestEnv, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { readVerdicts } from './soak-cli.ts';

const CONTAINER = 'inferload-soakvllm';

describe('soak --server against a server deployed in podman', { timeout: 420_000 }, () => {
  let podman: PodmanTestEnv;
  let work = '';
  let env: Record<string, string> = {};
  const soak = (): ReturnType<typeof runCli> =>
    runCli(
      ['soak', '--server', 'soakvllm', '--config', join(work, 'llama.yaml'), '--time-scale', '0.05'],
      { ...env, INFERLOAD_BENCHMARKS: mkdtempSync(join(work, 'bench-')) },
      150_000,
    );

  before(async () => {
    podman = createPodmanTestEnv();
    await runCommand('podman', ['rm', '-f', CONTAINER], podman.env);
    work = mkdtempSync(join(tmpdir(), 'inferload-soak-podman-'));
    writeFileSync(
      join(work, 'llama.yaml'),
      `active_preset: base
hosts:
  local: {}
servers:
  soakvllm:
    host: local
    kind: vllm
    runtime: podman
    image: localhost/inferload-sim:vllm
    model: Qwen/Qwen3-0.6B
    port: ${await findFreePort()}
    env:
      INFERLOAD_SIM_DECODE_MS: '5'
      INFERLOAD_SIM_JITTER: '0'
presets:
  base:
    parallel_slots: 8
    threads_gen: 1
    ctx_per_slot: 1024
`,
    );
    env = {
      ...podman.env,
      HOME: work,
      INFERLOAD_DEPLOYED: join(work, 'deployed'),
      K6_BIN: '/nonexistent/k6',
    };
    const deploy = await runCli(['deploy', '--config', join(work, 'llama.yaml')], env, 240_000);
    assert.equal(deploy.code, 0, `${deploy.stdout}\n${deploy.stderr}`);
  });

  after(async () => {
    await runCommand('podman', ['rm', '-f', CONTAINER], podman.env);
    podman.dispose();
  });

  it("is stable, with the server's model, its container's pid sampled and its container not restarted", async () => {
    const result = await soak();
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const v = readVerdicts(result.stdout);
    assert.equal(v.outcome.status, 'passed', 'requests named Qwen/Qwen3-0.6B (any other name is a 404)');
    assert.equal(v.restarts.verdict, 'none', v.restarts.reason);
    assert.match(v.restarts.reason, new RegExp(`container ${CONTAINER} not restarted`));
    assert.match(v.memory.what, /server RSS \(pid \d+\)/, 'the container process was sampled');
    assert.equal(v.container?.name, CONTAINER);
  });

  it('calls a container started again mid-soak a restart, naming it', async () => {
    const running = soak();
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const restart = await runCommand('podman', ['restart', CONTAINER], podman.env);
    assert.equal(restart.code, 0, restart.stderr);
    const result = await running;
    const v = readVerdicts(result.stdout);
    assert.equal(v.restarts.verdict, 'restarted', v.restarts.reason);
    assert.match(v.restarts.reason, new RegExp(`container ${CONTAINER}: started again at`));
    assert.notEqual(v.verdict, 'stable');
    assert.notEqual(result.code, 0, 'a soak with a restart does not pass');
  });
});

// The real llama-server in a real podman container built from Debian's packages, driven through the driver.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { basename, dirname } from 'node:path';
import { createPodmanTestEnv, podmanSkipReason, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { installLlamaServer } from '../../../src/local/llama-install.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { waitForHealth } from '../../../src/local/wait-health.ts';
import { buildLlamaArgs } from '../../../src/local/llama-args.ts';
import { ensureTinyModel } from '../../../src/tiny-model/tiny-llama.ts';
import { createLocalRunner } from '../../../src/podman/local-runner.ts';
import { ensureLlamaImage } from '../../../src/podman/ensure-llama-image.ts';
import { removeContainer, runContainer } from '../../../src/podman/container-lifecycle.ts';
import { inspectContainer } from '../../../src/podman/inspect-container.ts';
import { containerLogs } from '../../../src/podman/container-logs.ts';
import { containerStats } from '../../../src/podman/container-stats.ts';
import type { CommandRunner } from '../../../src/process/command-runner.ts';
import type { ContainerSpec } from '../../../src/podman/container-spec.ts';

// CI installs podman, so there a missing podman fails; elsewhere the tests are skipped with the reason.
const skip = process.env['CI'] ? false : (podmanSkipReason() ?? false);
const HOSTILE = `  a"b 'c' $HOME \${X} %h %% \`id\` $(id) ;|&<> \\ \\n \tnew\nline é ☃ = end  `;

describe('llama-server under podman', { skip, timeout: 180_000 }, () => {
  let podmanEnv: PodmanTestEnv;
  let runner: CommandRunner;
  let spec: ContainerSpec;
  let url: string;
  const cpuset = cpus().length > 1 ? '1' : '0';

  before(async () => {
    podmanEnv = createPodmanTestEnv();
    runner = createLocalRunner(podmanEnv.env);
    const installed = await installLlamaServer();
    assert.ok(installed.ok, installed.ok ? '' : installed.reason);
    const model = await ensureTinyModel();
    await ensureLlamaImage(runner);
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    spec = {
      name: `inferload-test-${process.pid}-${randomBytes(3).toString('hex')}`,
      image: 'localhost/llama-server:debian',
      args: buildLlamaArgs({
        model: `/models/${basename(model)}`,
        host: '127.0.0.1',
        port,
        slots: 2,
        threads: 1,
        ctxPerSlot: 512,
      }),
      env: { INFERLOAD_HOSTILE: HOSTILE },
      cpusetCpus: cpuset,
      network: 'host',
      volumes: [{ host: dirname(model), container: '/models', ro: true }],
      labels: { 'io.inferload.preset': 'test', 'io.inferload.hostile': HOSTILE },
      // The image has no shell or curl; --version proves the exec-form health command reaches podman.
      healthCmd: ['/usr/bin/llama-server', '--version'],
    };
    await runContainer(runner, spec);
    try {
      await waitForHealth(`${url}/health`, { timeoutMs: 60_000 });
    } catch (error) {
      const logs = await containerLogs(runner, spec.name, { tail: 30 }).catch(String);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\ncontainer log:\n${logs}`);
    }
  });

  after(async () => {
    if (spec) await removeContainer(runner, spec.name, { stopSeconds: 2 });
    podmanEnv?.dispose();
  });

  it('serves the model with the requested slots', async () => {
    const props = (await (await fetch(`${url}/props`)).json()) as { total_slots: number };
    assert.equal(props.total_slots, 2);
    const response = await fetch(`${url}/completion`, {
      method: 'POST',
      body: JSON.stringify({ prompt: 'the cat', n_predict: 8, ignore_eos: true }),
    });
    const body = (await response.json()) as { timings: { predicted_n: number } };
    assert.equal(body.timings.predicted_n, 8);
  });

  it('inspect shows the cpuset, the labels, the env and the arguments exactly', async () => {
    const info = await inspectContainer(runner, spec.name);
    assert.ok(info);
    assert.equal(info.running, true);
    assert.equal(info.cpusetCpus, cpuset);
    assert.equal(info.labels['io.inferload.preset'], 'test');
    assert.equal(info.labels['io.inferload.hostile'], HOSTILE);
    assert.equal(info.env['INFERLOAD_HOSTILE'], HOSTILE);
    assert.equal(info.image, spec.image);
    assert.deepEqual(info.args, spec.args);
    assert.ok(info.startedAt);
  });

  it('logs one thread and two slots', async () => {
    const logs = await containerLogs(runner, spec.name);
    // llama.cpp build 11669: "init: llama threadpool init, n_threads = 1" and
    // "load_model: initializing, n_slots = 2, n_ctx_slot = 512, kv_unified = 'false'".
    assert.match(logs, /llama threadpool init, n_threads = 1$/m);
    assert.match(logs, /load_model: initializing, n_slots = 2, n_ctx_slot = 512\b/);
  });

  it('reports CPU and memory', async () => {
    const stats = await containerStats(runner, spec.name);
    assert.ok(stats);
    assert.ok((stats.memUsageBytes ?? 0) > 1_000_000, `memory ${stats.memUsageBytes}`);
    assert.ok((stats.cpuTimeMs ?? 0) > 0);
    assert.equal(typeof stats.cpuPercent, 'number');
  });

  it('runs the exec-form health command', async () => {
    const result = await runner.exec(['podman', 'healthcheck', 'run', spec.name]);
    assert.equal(result.code, 0, result.stderr);
  });

  it('removes the container, and removing it again is fine', async () => {
    await removeContainer(runner, spec.name, { stopSeconds: 2 });
    assert.equal(await inspectContainer(runner, spec.name), undefined);
    await removeContainer(runner, spec.name);
  });
});

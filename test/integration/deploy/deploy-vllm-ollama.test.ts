// Deploy for kind vllm and kind ollama over a throwaway sshd on loopback, into real podman, with the simulator
// images built from this repo (localhost/inferload-sim:vllm and :ollama) standing in for the real ones: vLLM's
// command line and Ollama's environment from the preset, verified through their own APIs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import { deployServer, type DeployServerResult } from '../../../src/deploy/deploy-server.ts';
import { findFreePort, findFreePortRange } from '../../../src/local/free-port.ts';
import { httpGetJson } from '../../../src/util/http-get.ts';
import { createPodmanTestEnv, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { runCommand } from '../../helpers/run-cli.ts';
import { sshdHostYaml, startSshd, type Sshd } from '../../helpers/sshd.ts';

const CONTAINERS = ['inferload-itvllm', 'inferload-itollama', 'inferload-itvllm2-1', 'inferload-itvllm2-2'];

function configText(sshd: Sshd, ports: number[]): string {
  const [vllm, ollama, fleet] = ports;
  return `active_preset: tp2
hosts:
${sshdHostYaml(sshd)}
servers:
  itvllm:
    host: box
    kind: vllm
    runtime: podman
    image: localhost/inferload-sim:vllm
    model: Qwen/Qwen3-0.6B
    port: ${vllm}
  itollama:
    host: box
    kind: ollama
    runtime: podman
    image: localhost/inferload-sim:ollama
    model: qwen3:0.6b
    port: ${ollama}
  itvllm2:
    host: box
    kind: vllm
    runtime: podman
    image: localhost/inferload-sim:vllm
    model: Qwen/Qwen3-0.6B
    port: ${fleet}
    listen_address: 127.0.0.1
presets:
  tp2:
    parallel_slots: 4
    threads_gen: 1
    ctx_per_slot: 2048
    tensor_parallel: 2
    gpu_memory_utilization: 0.8
  resident:
    parallel_slots: 2
    threads_gen: 1
    ctx_per_slot: 1024
    keep_alive: 7m
    max_loaded_models: 1
  pair:
    extends: tp2
    instances: 2
`;
}

async function containerArgs(env: Record<string, string>, name: string): Promise<string> {
  const result = await runCommand(
    'podman',
    ['inspect', '--format', '{{json .Config.Cmd}} {{json .Config.Env}}', name],
    env,
  );
  return result.stdout;
}

describe('deploy kind vllm and kind ollama over SSH into podman', { timeout: 300_000 }, () => {
  let sshd: Sshd;
  let podman: PodmanTestEnv;
  let configPath = '';
  let ports: number[] = [];
  const lines: string[] = [];
  const savedDeployed = process.env['INFERLOAD_DEPLOYED'];

  const deploy = async (server: string, preset: string): Promise<DeployServerResult> => {
    try {
      return await deployServer(await loadConfig(configPath), {
        serverName: server,
        presetName: preset,
        healthTimeoutMs: 60_000,
        log: (line) => lines.push(`${new Date().toISOString().slice(11, 19)} ${line}`),
        out: (text) => lines.push(text),
      });
    } catch (error) {
      // What deploy said on the way is the only trace of where it stopped.
      throw new Error(`${(error as Error).message}\n${lines.slice(-15).join('\n')}`);
    }
  };

  before(async () => {
    podman = createPodmanTestEnv();
    for (const name of CONTAINERS) await runCommand('podman', ['rm', '-f', name], podman.env);
    sshd = await startSshd({ env: podman.env });
    const work = mkdtempSync(join(tmpdir(), 'inferload-kinds-'));
    process.env['INFERLOAD_DEPLOYED'] = join(work, 'deployed');
    ports = [await findFreePort(), await findFreePort(), await findFreePortRange(2)];
    configPath = join(work, 'llama.yaml');
    writeFileSync(configPath, configText(sshd, ports));
  });

  after(async () => {
    for (const name of CONTAINERS) await runCommand('podman', ['rm', '-f', name], podman.env);
    const pid = await runCommand('sh', ['-c', 'cat "$HOME/.inferload/deploy/itvllm2/proxy/pid"']);
    if (/^\d+$/.test(pid.stdout.trim())) await runCommand('kill', [pid.stdout.trim()]);
    await sshd.stop();
    podman.dispose();
    if (savedDeployed === undefined) delete process.env['INFERLOAD_DEPLOYED'];
    else process.env['INFERLOAD_DEPLOYED'] = savedDeployed;
  });

  it('deploys vLLM with its parallelism flags, verified from /v1/models and vllm: metrics', async () => {
    const { result } = await deploy('itvllm', 'tp2');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    const checks = result?.verify?.checks ?? [];
    assert.deepEqual(
      checks.map((c) => [c.name, c.ok]),
      [
        ['model served (/v1/models)', true],
        ['context per request (/v1/models max_model_len)', true],
        ['vllm: metrics (/metrics)', true],
      ],
    );
    const args = await containerArgs(podman.env, 'inferload-itvllm');
    for (const part of [
      '"Qwen/Qwen3-0.6B"',
      '"--tensor-parallel-size","2"',
      '"--max-num-seqs","4"',
      '"--gpu-memory-utilization","0.8"',
    ])
      assert.ok(args.includes(part), `${part} in ${args}`);
    const again = await deploy('itvllm', 'tp2');
    assert.equal(again.result?.status, 'unchanged');
  });

  it('deploys Ollama with its environment, the model present or pulled, loaded per /api/ps', async () => {
    const { result } = await deploy('itollama', 'resident');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    assert.ok(
      result?.verify?.checks.every((c) => c.ok),
      JSON.stringify(result?.verify?.checks),
    );
    const env = await containerArgs(podman.env, 'inferload-itollama');
    for (const part of [
      'OLLAMA_KEEP_ALIVE=7m',
      'OLLAMA_MAX_LOADED_MODELS=1',
      'OLLAMA_NUM_PARALLEL=2',
      `OLLAMA_HOST=0.0.0.0:${ports[1]}`,
    ])
      assert.ok(env.includes(part), `${part} in ${env}`);
    const ps = (await httpGetJson(`http://127.0.0.1:${ports[1]}/api/ps`, 5000)) as {
      models: { name: string }[];
    };
    assert.deepEqual(
      ps.models.map((m) => m.name),
      ['qwen3:0.6b'],
    );
  });

  it('puts two vLLM containers behind nginx on the host', async () => {
    const { result } = await deploy('itvllm2', 'pair');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    if (process.env['DEBUG_DEPLOY']) console.log(lines.join('\n'));
    const models = (await httpGetJson(`http://127.0.0.1:${ports[2]}/v1/models`, 5000)) as {
      data: { id: string }[];
    };
    assert.equal(models.data[0]?.id, 'Qwen/Qwen3-0.6B', 'served through nginx');
    for (const name of ['inferload-itvllm2-1', 'inferload-itvllm2-2'])
      assert.match(await containerArgs(podman.env, name), /"--port","\d+"/);
  });
});

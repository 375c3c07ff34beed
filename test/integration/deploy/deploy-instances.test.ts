// Instances behind real nginx: three real llama-server processes (the tiny model) deployed on this machine,
// requests spread over them, a redeploy that restarts nothing, 3 -> 2 stopping one, a frozen instance and a
// killed one showing up in a run as nginx's own 504 and 502 (proxy_504, proxy_502), apart from the servers' errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import { deployServer, type DeployServerResult } from '../../../src/deploy/deploy-server.ts';
import { findFreePort, findFreePortRange } from '../../../src/local/free-port.ts';
import { httpGet } from '../../../src/util/http-get.ts';
import { runCommand } from '../../helpers/run-cli.ts';
import { runProfileBundle } from '../../helpers/run-profile-bundle.ts';

const savedHome = process.env['HOME'];
const savedDeployed = process.env['INFERLOAD_DEPLOYED'];

function configText(port: number, base: number): string {
  return `active_preset: three
servers:
  fleet:
    host: local
    kind: llama.cpp
    runtime: process
    model: generated:tiny
    port: ${port}
presets:
  three:
    parallel_slots: 2
    threads_gen: 1
    ctx_per_slot: 256
    instances: 3
    instance_base_port: ${base}
    proxy_retry: false
  two:
    extends: three
    instances: 2
  broken:
    extends: two
    extra_args: [--model, /nonexistent/model.gguf]
  alone:
    extends: three
    instances: 1
  impatient:
    extends: two
    proxy_read_timeout: 1
`;
}

describe('deploy: llama-server instances behind nginx', { timeout: 300_000 }, () => {
  let work = '';
  let configPath = '';
  let port = 0;
  let base = 0;
  const lines: string[] = [];

  const deploy = async (preset: string): Promise<DeployServerResult> =>
    deployServer(await loadConfig(configPath), {
      presetName: preset,
      healthTimeoutMs: 60_000,
      log: (line) => lines.push(line),
      out: (text) => lines.push(text),
    });
  const stateDir = (key: string): string => join(work, '.inferload', 'deploy', key);
  const pidOf = (key: string): string => readFileSync(join(stateDir(key), 'pid'), 'utf8').trim();
  const instanceUrl = (i: number): string => `http://127.0.0.1:${base + i - 1}`;
  /** A short light run through nginx: nginx's own `status` is counted as proxy_<status>, the other instance served. */
  const assertProxyErrorCounted = async (status: 502 | 504): Promise<void> => {
    const run = await runProfileBundle('light.js', {
      TARGET_URL: `http://127.0.0.1:${port}`,
      TIME_SCALE: '0.01',
      MAX_TOKENS: '4',
      PROMPTS: 'short',
    });
    const kinds = (run.points.get('llm_errors') ?? [])
      .filter((p) => p.value > 0)
      .map((p) => p.tags['error_kind']);
    assert.ok(kinds.includes(`proxy_${status}`), `error kinds: ${[...new Set(kinds)].join(', ')}`);
    assert.ok(!kinds.includes(`http_${status}`), 'not counted as a server error');
    // llm_errors is a rate: its fails are the requests that succeeded, on the instance still alive.
    const served = run.summary.metrics['llm_errors']?.['fails'] ?? 0;
    assert.ok(served > 0, `the live instance kept serving; errors: ${[...new Set(kinds)].join(', ')}`);
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'inferload-instances-'));
    // Deploy keeps its state under $HOME on the host (here: this machine) and its record in INFERLOAD_DEPLOYED.
    process.env['HOME'] = work;
    process.env['INFERLOAD_DEPLOYED'] = join(work, 'deployed');
    port = await findFreePort();
    base = await findFreePortRange(3);
    configPath = join(work, 'llama.yaml');
    writeFileSync(configPath, configText(port, base));
  });

  after(async () => {
    for (const key of ['fleet/proxy', 'fleet/instance-1', 'fleet/instance-2', 'fleet/instance-3', 'fleet']) {
      const pid = (() => {
        try {
          return pidOf(key);
        } catch {
          return '';
        }
      })();
      if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
    }
    if (savedHome === undefined) delete process.env['HOME'];
    else process.env['HOME'] = savedHome;
    if (savedDeployed === undefined) delete process.env['INFERLOAD_DEPLOYED'];
    else process.env['INFERLOAD_DEPLOYED'] = savedDeployed;
  });

  it('deploys 3 instances and nginx, verified each and through nginx, and spreads requests over them', async () => {
    const { result, record } = await deploy('three');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    const names = result?.verify?.checks.map((c) => `${c.name}: ${c.ok}`) ?? [];
    assert.ok(
      names.some((n) => n.startsWith('health through nginx') && n.endsWith('true')),
      names.join('\n'),
    );
    for (const i of [1, 2, 3])
      assert.ok(
        names.some((n) => n.startsWith(`fleet-${i}: parallel slots`) && n.endsWith('true')),
        names.join('\n'),
      );
    assert.deepEqual(
      record?.instances,
      [1, 2, 3].map((i) => `${instanceUrl(i)}/`.replace(/\/$/, '')),
    );

    for (let i = 0; i < 6; i += 1) {
      const answer = await fetch(`http://127.0.0.1:${port}/completion`, {
        method: 'POST',
        body: JSON.stringify({ prompt: 'hello', n_predict: 2 }),
      });
      assert.equal(answer.status, 200);
      await answer.text();
    }
    // Round robin: each instance decoded some of them, as its own counters say.
    for (const i of [1, 2, 3]) {
      const metrics = (await httpGet(`${instanceUrl(i)}/metrics`, { timeoutMs: 5000 })).text;
      const predicted = Number(/^llamacpp:tokens_predicted_total (\d+)/m.exec(metrics)?.[1] ?? 0);
      assert.ok(predicted >= 2, `instance ${i} predicted ${predicted} tokens`);
    }
  });

  it('redeploys the same preset without restarting anything', async () => {
    const pids = ['fleet/proxy', 'fleet/instance-1', 'fleet/instance-2', 'fleet/instance-3'].map(pidOf);
    const { result } = await deploy('three');
    assert.equal(result?.status, 'unchanged', lines.join('\n'));
    assert.deepEqual(
      ['fleet/proxy', 'fleet/instance-1', 'fleet/instance-2', 'fleet/instance-3'].map(pidOf),
      pids,
    );
  });

  it('goes from 3 to 2 instances: the third stops, the other two keep running', async () => {
    const kept = ['fleet/instance-1', 'fleet/instance-2'].map(pidOf);
    const { result } = await deploy('two');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    assert.deepEqual(['fleet/instance-1', 'fleet/instance-2'].map(pidOf), kept);
    await assert.rejects(httpGet(`${instanceUrl(3)}/health`, { timeoutMs: 2000 }), 'instance 3 is stopped');
    const conf = readFileSync(join(stateDir('fleet/proxy'), 'nginx.conf'), 'utf8');
    assert.ok(!conf.includes(`:${base + 2}"`), 'nginx no longer sends to it');
  });

  it('rolls a failed deploy back: the instances come back on their previous definition behind nginx', async () => {
    const failed = await deploy('broken').then(
      () => 'deployed',
      (error: Error) => error.message,
    );
    assert.match(failed, /^deploy of preset broken to fleet failed: instance fleet-1: [\s\S]*model/);
    assert.match(failed, /\nrollback: fleet-1: previous definition healthy again/);
    const run = readFileSync(join(stateDir('fleet/instance-1'), 'run.sh'), 'utf8');
    assert.ok(!run.includes('/nonexistent/model.gguf'), 'the previous definition is back');
    const health = await httpGet(`http://127.0.0.1:${port}/health`, { timeoutMs: 5000 });
    assert.equal(health.status, 200, 'nginx still answers from the instances');
  });

  it("counts nginx's 504 for a frozen instance as proxy_504 in a run", async () => {
    const before = pidOf('fleet/instance-1');
    const { result } = await deploy('impatient');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    assert.equal(pidOf('fleet/instance-1'), before, 'a proxy timeout changes nginx only');
    assert.match(readFileSync(join(stateDir('fleet/proxy'), 'nginx.conf'), 'utf8'), /proxy_read_timeout 1s;/);
    // A stopped process still accepts connections (the kernel's backlog) but never answers: nginx times out.
    await runCommand('kill', ['-STOP', before]);
    try {
      await assertProxyErrorCounted(504);
    } finally {
      await runCommand('kill', ['-CONT', before]);
    }
    // nginx passes over an instance that timed out for its fail_timeout (10 s by default): the next test needs
    // both back in the rotation.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
  });

  it("counts nginx's 502 for a killed instance as proxy_502 in a run", async () => {
    await runCommand('kill', ['-9', pidOf('fleet/instance-2')]);
    await assertProxyErrorCounted(502);
  });

  it('deploys the server alone again: nginx and the instances stop, the server takes its port', async () => {
    const proxyPid = pidOf('fleet/proxy');
    const { result } = await deploy('alone');
    assert.equal(result?.status, 'deployed', lines.join('\n'));
    // A stopped nginx may linger as a zombie until init reaps it (this sandbox's init is slow to): gone is no
    // process, or one in state Z.
    const state = await runCommand('ps', ['-o', 'stat=', '-p', proxyPid]);
    assert.ok(
      state.code !== 0 || state.stdout.trim().startsWith('Z'),
      `nginx stopped (state ${state.stdout})`,
    );
    await assert.rejects(httpGet(`${instanceUrl(1)}/health`, { timeoutMs: 2000 }), 'instance 1 stopped');
    const props = (await httpGet(`http://127.0.0.1:${port}/props`, { timeoutMs: 5000 })).text;
    assert.match(props, /"total_slots":2/, 'llama-server itself answers on the port');
  });
});

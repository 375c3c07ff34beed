// `inferload deploy` end to end on this machine: a throwaway sshd on loopback, real podman running the
// llama-server image built from Debian's packages, the generated model; and the `process` runtime.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sshdHostYaml, startSshd, type Sshd } from '../../helpers/sshd.ts';
import { createPodmanTestEnv, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { installLlamaServer } from '../../../src/local/llama-install.ts';
import { ensureTinyModel } from '../../../src/tiny-model/tiny-llama.ts';

const HOSTILE = `8; rm -rf / $(touch pwned) 'q' "d" \`id\``;

interface Fixture {
  config: string;
  env: Record<string, string>;
  podmanPort: number;
  processPort: number;
}

function writeConfig(
  dir: string,
  sshd: Sshd,
  launcher: string,
  podmanPort: number,
  processPort: number,
  knownHosts: string,
): string {
  const file = join(dir, 'llama.yaml');
  writeFileSync(
    file,
    `active_preset: conservative
hosts:
${sshdHostYaml(sshd, 'box', knownHosts)}
    preset_overrides:
      all:
        ctx_per_slot: 256
      conservative:
        cpuset: "1"
servers:
  boxed:
    host: box
    kind: llama.cpp
    runtime: podman
    image: localhost/llama-server:debian
    model: generated:tiny
    port: ${podmanPort}
    listen_address: 127.0.0.1
    env:
      HF_TOKEN: hunter2-secret-token
  plain:
    host: box
    kind: llama.cpp
    runtime: process
    binary: ${launcher}
    model: generated:tiny
    port: ${processPort}
presets:
  conservative:
    parallel_slots: 8
    threads_gen: 12
    threads_batch: 8
    threads_http: 6
  hostile:
    extends: conservative
    extra_args: [--alias, ${JSON.stringify(HOSTILE)}]
  broken:
    extends: conservative
    extra_args: [--model, /nonexistent/model.gguf]
`,
  );
  return file;
}

async function inspect(
  env: Record<string, string>,
  name: string,
): Promise<{ id: string; cpuset: string; running: boolean }> {
  const result = await runCommand(
    'podman',
    ['inspect', '--format', '{{.Id}} {{.HostConfig.CpusetCpus}} {{.State.Running}}', name],
    env,
  );
  const [id = '', cpuset = '', running = ''] = result.stdout.trim().split(' ');
  return { id, cpuset, running: running === 'true' };
}

describe('inferload deploy over SSH', { timeout: 600_000 }, () => {
  let sshd: Sshd;
  let podman: PodmanTestEnv;
  let fx: Fixture;
  let work: string;

  before(async () => {
    podman = createPodmanTestEnv();
    await runCommand('podman', ['rm', '-f', 'inferload-boxed'], podman.env); // a leftover of an interrupted run
    sshd = await startSshd({ env: podman.env });
    const installed = await installLlamaServer();
    assert.ok(installed.ok, 'llama-server installs');
    await ensureTinyModel();
    work = mkdtempSync(join(tmpdir(), 'inferload-deploy-'));
    const podmanPort = await findFreePort();
    const processPort = await findFreePort();
    const config = writeConfig(work, sshd, installed.launcher, podmanPort, processPort, sshd.knownHostsFile);
    fx = {
      config,
      env: { ...podman.env, INFERLOAD_DEPLOYED: join(work, 'deployed'), HOME: work },
      podmanPort,
      processPort,
    };
  });

  after(async () => {
    await runCommand('podman', ['rm', '-f', 'inferload-boxed'], podman.env);
    // The process runtime's llama-server outlives its deploy by design: stop it by the pid deploy recorded
    // (sshd's login HOME is the user's own).
    const pidFile = join(homedir(), '.inferload', 'deploy', 'plain', 'pid');
    const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
    if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
    await sshd.stop();
    podman.dispose();
  });

  it('renders and diffs without changing anything on a dry run', async () => {
    const result = await runCli(['deploy', '--config', fx.config, '--server', 'boxed', '--dry-run'], fx.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^\+exec podman run --detach --name inferload-boxed --network host --replace --cpuset-cpus 1 /m,
    );
    assert.match(result.stdout, /--cpuset-cpus 1/);
    assert.match(result.stdout, /dry run: nothing changed/);
    assert.ok(
      !result.stdout.includes('hunter2') && !result.stderr.includes('hunter2'),
      'the token is redacted',
    );
    assert.equal((await inspect(podman.env, 'inferload-boxed')).id, '', 'no container was started');
  });

  it('deploys conservative under podman: slots, context, threads and cpuset verified', async () => {
    const result = await runCli(['deploy', '--config', fx.config, '--server', 'boxed'], fx.env, 300_000);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /ok {3}parallel slots \(\/props total_slots\): expected 8, found 8/);
    assert.match(result.stderr, /ok {3}context per slot \(\/slots n_ctx\): expected 256, found 256/);
    assert.match(result.stderr, /ok {3}generation threads \(server log\): expected 12, found 12/);
    assert.match(result.stderr, /ok {3}cpuset \(podman inspect\): expected 1, found 1/);
    assert.match(result.stdout, /^deployed: inferload-boxed/m);
    assert.match(result.stdout, /warning: threads_gen 12 exceeds|deploy: server boxed/);
    assert.ok(!`${result.stdout}${result.stderr}`.includes('hunter2'), 'no secret in any output');
    const container = await inspect(podman.env, 'inferload-boxed');
    assert.deepEqual([container.running, container.cpuset], [true, '1']);
  });

  it('deploys the same preset again without restarting anything', async () => {
    const before = await inspect(podman.env, 'inferload-boxed');
    const result = await runCli(['deploy', '--config', fx.config, '--server', 'boxed'], fx.env, 300_000);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /unchanged, not restarted/);
    assert.equal((await inspect(podman.env, 'inferload-boxed')).id, before.id, 'same container id');
  });

  it('stamps a benchmark run with what was deployed (preset, fingerprint, server build)', async () => {
    const runs = join(work, 'runs');
    const result = await runCli(
      [
        'benchmark',
        '--config',
        fx.config,
        '--server',
        'boxed',
        '--profile',
        'light',
        // Long enough for requests to finish: a run that finishes none is failed (docs/reliability.md).
        '--time-scale',
        '0.03',
        '--max-tokens',
        '4',
      ],
      { ...fx.env, INFERLOAD_BENCHMARKS: runs },
      300_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const [id] = readdirSync(runs);
    const meta = JSON.parse(readFileSync(join(runs, id ?? '', 'meta.json'), 'utf8')) as {
      target: string;
      deployed?: { preset: string; fingerprint: string; build?: string };
    };
    assert.equal(meta.target, `http://127.0.0.1:${fx.podmanPort}`);
    assert.equal(meta.deployed?.preset, 'conservative');
    assert.match(meta.deployed?.fingerprint ?? '', /^[0-9a-f]{16}$/);
    assert.match(meta.deployed?.build ?? '', /^b\d+/);
  });

  it('diagnoses the deployed container over SSH: its own pid and cpuset sampled on the host', async () => {
    const runs = join(work, 'diagnose-runs');
    const result = await runCli(
      // Short answers: the container has one core, shared with the whole test run, and an 8-s run whose
      // requests never finish served nothing (exit 98), which this test is not about.
      [
        'diagnose',
        '--config',
        fx.config,
        '--server',
        'boxed',
        '--profile',
        'light',
        '--time-scale',
        '0.03',
        '--max-tokens',
        '16',
      ],
      { ...fx.env, INFERLOAD_BENCHMARKS: runs },
      300_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const pid = Number(
      (await runCommand('podman', ['inspect', '--format', '{{.State.Pid}}', 'inferload-boxed'], podman.env))
        .stdout,
    );
    const [id] = readdirSync(runs);
    const records = readFileSync(join(runs, id ?? '', 'diagnostics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: string; cpus?: number[]; process?: { pid: number } });
    const host = records.filter((r) => r.source === 'host');
    assert.ok(host.length >= 2, `host samples arrived over SSH: ${host.length}`);
    assert.ok(
      host.every((r) => r.process?.pid === pid && JSON.stringify(r.cpus) === '[1]'),
      'the container, on cpu 1',
    );
    const server = records.filter((r) => r.source === 'server') as { totalSlots?: number }[];
    assert.ok(
      server.some((r) => r.totalSlots === 8),
      'the 8 slots of conservative, from /slots',
    );
    const diagnosis = JSON.parse(readFileSync(join(runs, id ?? '', 'diagnosis.json'), 'utf8')) as {
      verdict: { kind: string };
      preset?: { name: string; parallelSlots: number };
    };
    assert.deepEqual([diagnosis.preset?.name, diagnosis.preset?.parallelSlots], ['conservative', 8]);
    assert.match(result.stdout, /^verdict {9}\S/m);
    // Other test files sample their own servers at the same time: only a sampler reading this
    // container's /proc/<pid>/stat would be ours.
    const left = await runCommand('pgrep', ['-af', 'inferload-sampler'], fx.env);
    const ours = left.stdout.split('\n').filter((line) => line.includes(`/proc/${pid}/stat`));
    assert.deepEqual(ours, [], 'no sampler of this container left running on the host');
  });

  it('passes hostile values as literal arguments', async () => {
    const result = await runCli(
      ['deploy', '--config', fx.config, '--server', 'boxed', '--preset', 'hostile'],
      fx.env,
      300_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const models = (await (await fetch(`http://127.0.0.1:${fx.podmanPort}/v1/models`)).json()) as {
      data: { id: string }[];
    };
    assert.equal(models.data[0]?.id, HOSTILE);
    assert.equal(existsSync(join(work, 'pwned')), false);
    assert.equal(existsSync('/pwned'), false);
  });

  it('rolls a broken preset back to the previous definition and reports both', async () => {
    const result = await runCli(
      ['deploy', '--config', fx.config, '--server', 'boxed', '--preset', 'broken', '--health-timeout', '60'],
      fx.env,
      300_000,
    );
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /deploy of preset broken to boxed failed: .*(container inferload-boxed is|not healthy)/,
    );
    assert.match(result.stderr, /rollback: previous definition healthy again/);
    const models = (await (await fetch(`http://127.0.0.1:${fx.podmanPort}/v1/models`)).json()) as {
      data: { id: string }[];
    };
    assert.equal(models.data[0]?.id, HOSTILE, 'the previous (hostile-alias) definition runs again');
  });

  it('deploys the process runtime idempotently', async () => {
    const first = await runCli(['deploy', '--config', fx.config, '--server', 'plain'], fx.env, 300_000);
    assert.equal(first.code, 0, `${first.stdout}\n${first.stderr}`);
    assert.match(first.stderr, /ok {3}generation threads \(server log\): expected 12, found 12/);
    // Host box pins conservative to CPU 1: the process runtime runs under taskset, read back from /proc.
    assert.match(first.stderr, /ok {3}cpuset \(\/proc\/\d+\/status Cpus_allowed_list\): expected 1, found 1/);
    const pid = /^deployed: inferload-plain \((\d+)\)/m.exec(first.stdout)?.[1];
    assert.ok(pid, first.stdout);
    const second = await runCli(['deploy', '--config', fx.config, '--server', 'plain'], fx.env, 300_000);
    assert.match(second.stdout, new RegExp(`unchanged, not restarted: inferload-plain \\(${pid}\\)`));
  });

  it('refuses an unknown host key, naming its fingerprint and how to accept it', async () => {
    const empty = join(work, 'empty_known_hosts');
    writeFileSync(empty, '');
    const config = writeConfig(work, sshd, '/bin/false', fx.podmanPort, fx.processPort, empty);
    const result = await runCli(['deploy', '--config', config, '--server', 'boxed'], fx.env);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /SHA256:[A-Za-z0-9+/]{43}/);
    assert.match(result.stderr, /known_hosts|accept-new/);
  });
});

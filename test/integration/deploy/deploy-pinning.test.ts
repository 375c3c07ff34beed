// `inferload deploy` pins runtime process to the preset's cpuset with taskset, reads the pinning back from
// /proc, and refuses CPUs the host lacks before changing anything: on host local (config check) and over the
// loopback sshd (deploy's own check), with the real llama-server and the generated model.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sshdSkipReason, startSshd, type Sshd } from '../../helpers/sshd.ts';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { formatCpuset } from '../../../src/config/cpuset.ts';
import { readOnlineCpus } from '../../../src/config/cpu-topology.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { installLlamaServer } from '../../../src/local/llama-install.ts';
import { ensureTinyModel } from '../../../src/tiny-model/tiny-llama.ts';

const CPUSET = '1';
const LACKING = '1,4095';

/** One process server on `host`; the preset pins it to CPU 1 with one thread, as fits any 2-CPU machine. */
function configText(options: {
  host: string;
  hostLines: string;
  launcher: string;
  port: number;
  extra?: string;
}) {
  return `active_preset: pinned
hosts:
${options.hostLines}
servers:
  pin-test:
    host: ${options.host}
    kind: llama.cpp
    runtime: process
    binary: ${JSON.stringify(options.launcher)}
    model: generated:tiny
    port: ${options.port}
presets:
  pinned:
    parallel_slots: 2
    threads_gen: 1
    threads_batch: 1
    ctx_per_slot: 256
    cpuset: '${CPUSET}'
${options.extra ?? ''}`;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

function allowedCpus(pid: string): string | undefined {
  return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
}

/** The pid deploy recorded and run.sh as it stands in `stateDir`. */
function state(stateDir: string): { pid: string; runSh: string } {
  const read = (name: string): string =>
    existsSync(join(stateDir, name)) ? readFileSync(join(stateDir, name), 'utf8') : '';
  return { pid: read('pid').trim(), runSh: read('run.sh') };
}

async function stop(pid: string): Promise<void> {
  if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
}

/** Deploy verified the pinning it read back, and the server really runs on the preset's cpuset. */
function assertPinned(stderr: string, pid: string): void {
  assert.match(
    stderr,
    new RegExp(`ok {3}cpuset \\(/proc/${pid}/status Cpus_allowed_list\\): expected 1, found 1`),
  );
  assert.equal(allowedCpus(pid), CPUSET);
}

describe('deploy pins runtime process with taskset', { timeout: 600_000 }, () => {
  let work = '';
  let launcher = '';
  let online = '';
  const started: string[] = [];

  before(async () => {
    const installed = await installLlamaServer();
    assert.ok(installed.ok, 'llama-server installs');
    launcher = installed.launcher;
    await ensureTinyModel();
    work = mkdtempSync(join(tmpdir(), 'inferload-pinning-'));
    online = formatCpuset((await readOnlineCpus()) ?? []);
  });

  after(async () => {
    // The process runtime's llama-server outlives its deploy by design: stop each by the pid deploy recorded.
    for (const pid of started) await stop(pid);
    rmSync(work, { recursive: true, force: true });
  });

  describe('on host local', () => {
    let env: Record<string, string> = {};
    let port = 0;
    const stateDir = (): string => join(work, '.inferload', 'deploy', 'pin-test');

    before(async () => {
      port = await findFreePort();
      env = { HOME: work, INFERLOAD_DEPLOYED: join(work, 'deployed') };
    });

    it("runs llama-server under taskset: its Cpus_allowed_list is the preset's cpuset", async () => {
      const config = join(work, 'local.yaml');
      writeFileSync(config, configText({ host: 'local', hostLines: '  local: {}', launcher, port }));
      const result = await runCli(['deploy', '--config', config, '--server', 'pin-test'], env, 300_000);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const { pid, runSh } = state(stateDir());
      started.push(pid);
      assert.match(runSh, /^exec taskset -c 1 /m);
      assertPinned(result.stderr, pid);
    });

    it('refuses a cpuset naming a CPU this machine lacks at config check, and changes nothing', async () => {
      const before = state(stateDir());
      const config = join(work, 'local-lacking.yaml');
      const extra = `  lacking:\n    extends: pinned\n    cpuset: '${LACKING}'\n`;
      const text = configText({ host: 'local', hostLines: '  local: {}', launcher, port, extra });
      writeFileSync(config, text);
      const result = await runCli(
        ['deploy', '--config', config, '--server', 'pin-test', '--preset', 'lacking'],
        env,
        300_000,
      );
      assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
      assert.match(
        result.stderr,
        new RegExp(
          `local-lacking\\.yaml:${lineOf(text, `'${LACKING}'`)}:13: presets\\.lacking\\.cpuset: cpuset ${LACKING} ` +
            `names CPU 4095, which host local does not have \\(its online CPUs: ${online}\\)`,
        ),
      );
      assert.deepEqual(state(stateDir()), before, 'same pid, same run.sh');
      assert.equal(allowedCpus(before.pid), CPUSET, 'the pinned server still runs');
      assert.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200);
    });
  });

  describe('on an SSH host (loopback sshd)', { skip: sshdSkipReason }, () => {
    let sshd: Sshd;
    let port = 0;
    let config = '';
    let text = '';
    let env: Record<string, string> = {};
    // sshd's login HOME is the user's own, so deploy's state lives under this user's home.
    const stateDir = (): string => join(homedir(), '.inferload', 'deploy', 'pin-test');

    before(async () => {
      sshd = await startSshd();
      port = await findFreePort();
      env = { HOME: work, INFERLOAD_DEPLOYED: join(work, 'deployed-ssh') };
      const hostLines = [
        '  box:',
        '    address: 127.0.0.1',
        `    port: ${sshd.port}`,
        `    user: ${sshd.user}`,
        `    identity_file: ${sshd.identityFile}`,
        `    known_hosts_file: ${sshd.knownHostsFile}`,
        '    preset_overrides:',
        '      lacking:',
        `        cpuset: '${LACKING}'`,
      ].join('\n');
      const extra = '  lacking:\n    extends: pinned\n';
      text = configText({ host: 'box', hostLines, launcher, port, extra });
      config = join(work, 'ssh.yaml');
      writeFileSync(config, text);
    });

    after(async () => {
      await stop(state(stateDir()).pid);
      rmSync(stateDir(), { recursive: true, force: true });
      await sshd?.stop();
    });

    it('passes config check: only deploy can know what CPUs the host has', async () => {
      const result = await runCli(['config', 'check', '--config', config], env);
      assert.equal(result.code, 0, result.stderr);
    });

    it('pins over SSH and reads Cpus_allowed_list back through the session', async () => {
      const result = await runCli(['deploy', '--config', config, '--server', 'pin-test'], env, 300_000);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const { pid } = state(stateDir());
      assertPinned(result.stderr, pid);
    });

    it("refuses a CPU the host lacks before changing anything, naming the cpuset's line and the host's CPUs", async () => {
      const before = state(stateDir());
      const result = await runCli(
        ['deploy', '--config', config, '--server', 'pin-test', '--preset', 'lacking'],
        env,
        300_000,
      );
      assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
      assert.match(
        result.stderr,
        new RegExp(
          `ssh\\.yaml:${lineOf(text, `'${LACKING}'`)}:17: hosts\\.box\\.preset_overrides\\.lacking\\.cpuset: ` +
            `cpuset ${LACKING} names CPU 4095, which host box does not have \\(its online CPUs: ${online}\\); ` +
            'nothing was changed',
        ),
      );
      assert.deepEqual(state(stateDir()), before, 'same pid, same run.sh');
      assert.equal(allowedCpus(before.pid), CPUSET, 'the pinned server still runs');
    });
  });
});

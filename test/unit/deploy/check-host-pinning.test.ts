import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDeployment } from '../../../src/deploy/apply-deployment.ts';
import { checkHostPinning, readHostCpus } from '../../../src/deploy/check-host-pinning.ts';
import { planDeployment, type DeployPlan } from '../../../src/deploy/plan-deployment.ts';
import { UserError } from '../../../src/util/errors.ts';
import { check, configText, FILE, lineOf } from '../config/config-text.ts';
import { fakeSession } from './fake-session.ts';

const HOSTS = '  box:\n    address: 127.0.0.1\n    user: root\n    ssh_agent: true';
const SERVERS = [
  '  proc:\n    host: box\n    kind: llama.cpp\n    runtime: process\n    model: /m.gguf',
  '  pod:\n    host: box\n    kind: llama.cpp\n    runtime: podman\n    image: localhost/llama:x\n    model: /m.gguf',
].join('\n');
const ONLINE = 'cat /sys/devices/system/cpu/online';
const TASKSET = 'sh -c command -v taskset';

function plan(server: string, cpuset: string): { plan: DeployPlan; line: number } {
  const presets = `  base:\n    parallel_slots: 2\n    threads_gen: 1\n    ctx_per_slot: 1024\n    cpuset: '${cpuset}'`;
  const text = configText({ hosts: HOSTS, servers: SERVERS, presets });
  const config = check(text).config;
  assert.ok(config, 'the config is valid');
  return { plan: planDeployment(config, server), line: lineOf(text, `'${cpuset}'`) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
  return error.message;
}

describe('checkHostPinning', () => {
  it("refuses CPUs the host lacks, naming the cpuset's file:line and the host's CPUs", async () => {
    const { plan: p, line } = plan('pod', '0-999');
    const session = fakeSession({ [ONLINE]: { code: 0, stdout: '0-1\n' } });
    assert.equal(
      await refusal(checkHostPinning(p, session)),
      `${FILE}:${line}:13: presets.base.cpuset: cpuset 0-999 names CPUs 2-999, which host box does not have ` +
        '(its online CPUs: 0-1); nothing was changed',
    );
    assert.deepEqual(session.commands, [['cat', '/sys/devices/system/cpu/online']]);
  });

  it('counts from nproc --all when sysfs cannot be read', async () => {
    const session = fakeSession({ 'nproc --all': { code: 0, stdout: '4\n' } });
    assert.deepEqual(await readHostCpus(session), [0, 1, 2, 3]);
    const { plan: p, line } = plan('pod', '0-3');
    await checkHostPinning(p, session);
    const none = fakeSession({});
    assert.equal(
      await refusal(checkHostPinning(p, none)),
      `${FILE}:${line}:13: presets.base.cpuset: cannot read the CPUs of host box (/sys/devices/system/cpu/online, ` +
        'nproc --all) to check cpuset 0-3; nothing was changed',
    );
  });

  it('refuses runtime process on a host without taskset instead of running unpinned', async () => {
    const { plan: p, line } = plan('proc', '1');
    const session = fakeSession({ [ONLINE]: { code: 0, stdout: '0-1\n' }, [TASKSET]: { code: 1 } });
    assert.equal(
      await refusal(checkHostPinning(p, session)),
      `${FILE}:${line}:13: presets.base.cpuset: host box has no taskset, which runtime process needs to pin ` +
        'server proc to CPUs 1; install util-linux there or drop the cpuset (it would run unpinned); nothing was changed',
    );
    await checkHostPinning(p, fakeSession({ [ONLINE]: { code: 0, stdout: '0-1' }, [TASKSET]: { code: 0 } }));
    // podman pins by itself: taskset is not asked for.
    const podman = fakeSession({ [ONLINE]: { code: 0, stdout: '0-1' } });
    await checkHostPinning(plan('pod', '1').plan, podman);
    assert.deepEqual(podman.commands, [['cat', '/sys/devices/system/cpu/online']]);
  });

  it('runs before deploy changes anything, dry run included', async () => {
    for (const dryRun of [false, true]) {
      const session = fakeSession({
        [ONLINE]: { code: 0, stdout: '0-1' },
        'printenv HOME': { code: 0, stdout: '/root' },
      });
      let prepared = false;
      const message = await refusal(
        applyDeployment(plan('pod', '5').plan, session, {
          dryRun,
          log: () => undefined,
          prepare: async () => {
            prepared = true;
          },
        }),
      );
      assert.match(message, /cpuset 5 names CPU 5, which host box does not have \(its online CPUs: 0-1\)/);
      assert.deepEqual(session.uploads, []);
      assert.equal(prepared, false, 'no model or image was prepared');
      assert.deepEqual(session.commands, [['cat', '/sys/devices/system/cpu/online']]);
    }
  });
});

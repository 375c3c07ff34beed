import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerConfig } from '../../../src/commands/config.ts';
import { UserError } from '../../../src/util/errors.ts';
import { formatCpuset, parseCpuset } from '../../../src/config/cpuset.ts';
import { readOnlineCpus } from '../../../src/config/cpu-topology.ts';
import { configText, lineOf } from './config-text.ts';
import { runCommand } from '../../helpers/run-command.ts';

const run = (...args: string[]) => runCommand(registerConfig, ...args);

describe('inferload config', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inferload-config-cmd-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('check prints OK and a summary for the shipped file', async () => {
    const { out, error } = await run('config', 'check');
    assert.equal(error, undefined);
    assert.match(out, /config\/llama\.yaml: OK/);
    assert.match(out, /presets: conservative \(active\), balanced extends conservative/);
    assert.match(out, /gpu-box \(root@127\.0\.0\.1:2222\)/);
  });

  it('check fails with exit code 2 and every located error', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      configText({
        active: 'nope',
        presets: '  base:\n    parallel_slots: 0\n    threads_gen: 2\n    ctx_per_slot: 1024',
      }),
    );
    const { error } = await run('config', 'check', '--config', file);
    assert.ok(error instanceof UserError);
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /2 errors/);
    assert.match(error.message, /bad\.yaml:1:\d+: active_preset: expected one of base/);
    assert.match(error.message, /presets\.base\.parallel_slots/);
  });

  it("check fails on a cpuset naming CPUs this machine lacks, at the cpuset's line", async () => {
    const file = join(dir, 'cpuset.yaml');
    const presets =
      "  base:\n    parallel_slots: 2\n    threads_gen: 1\n    ctx_per_slot: 1024\n    cpuset: '0-999'";
    const text = configText({ presets });
    await writeFile(file, text);
    const { error } = await run('config', 'check', '--config', file);
    assert.ok(error instanceof UserError);
    assert.equal(error.exitCode, 2);
    const cpus = (await readOnlineCpus()) ?? [];
    const lacking = formatCpuset(parseCpuset('0-999').filter((cpu) => !cpus.includes(cpu)));
    const line = lineOf(text, "'0-999'");
    assert.match(error.message, /1 error\n/);
    assert.ok(
      error.message.includes(
        `cpuset.yaml:${line}:13: presets.base.cpuset: cpuset 0-999 names CPUs ${lacking}, which host local ` +
          `does not have (its online CPUs: ${formatCpuset(cpus)})`,
      ),
      error.message,
    );
  });

  it('show prints the resolved preset, its argv and warnings', async () => {
    const { out, error } = await run('config', 'show', '--preset', 'aggressive', '--server', 'gpu-llama');
    assert.equal(error, undefined);
    assert.match(out, /preset aggressive \(conservative -> balanced -> aggressive\) on host gpu-box/);
    assert.match(out, /context +65536 \(ctx_per_slot 4096 x 16 slots\)/);
    assert.match(out, /"--parallel","16"/);
  });

  it('show --json gives the launch as data', async () => {
    const file = join(dir, 'vllm.yaml');
    const servers =
      '  v:\n    host: local\n    kind: vllm\n    runtime: process\n    model: "/m/a b; $(reboot)"';
    await writeFile(file, configText({ servers }));
    const { out, error } = await run('config', 'show', '--config', file, '--json');
    assert.equal(error, undefined);
    const parsed = JSON.parse(out) as { launch: { args: string[]; warnings: string[] } };
    assert.equal(parsed.launch.args[0], '/m/a b; $(reboot)');
  });

  it('show names an unknown server and lists the valid ones', async () => {
    const { error } = await run('config', 'show', '--server', 'gpu-lama');
    assert.ok(error instanceof UserError);
    assert.match(
      error.message,
      /unknown server 'gpu-lama' \(did you mean 'gpu-llama'\?\); expected one of local-llama, gpu-llama/,
    );
  });
});

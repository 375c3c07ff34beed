// runtime process: run.sh execs the server under `taskset -c`, refuses to run unpinned, and keeps every value
// one literal argument.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnlineCpus } from '../../../src/config/cpu-topology.ts';
import { planDeployment, processArgv } from '../../../src/deploy/plan-deployment.ts';
import { check, configText, FILE, lineOf } from '../config/config-text.ts';

const HOSTILE = `x'; touch pwned; echo "$(touch pwned2)" \`touch pwned3\`\nnext`;

describe('runtime process pinning', () => {
  let dir = '';
  let binary = '';
  let cpu = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inferload-pin-'));
    // A stand-in server under a hostile name: prints the CPUs it may use, then its arguments one per line.
    binary = join(dir, "llama server $(touch pwned4) 'q'");
    writeFileSync(binary, '#!/bin/sh\ngrep Cpus_allowed_list /proc/self/status\nprintf "<%s>\\n" "$@"\n');
    chmodSync(binary, 0o755);
    cpu = ((await readOnlineCpus()) ?? [0]).at(-1) ?? 0;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function planFor(cpuset: string | undefined) {
    const cpusetLine = cpuset === undefined ? '' : `\n    cpuset: '${cpuset}'`;
    const presets = `  base:\n    parallel_slots: 2\n    threads_gen: 1\n    ctx_per_slot: 1024\n    extra_args: [--alias, ${JSON.stringify(HOSTILE)}]${cpusetLine}`;
    const servers = `  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /m.gguf\n    binary: ${JSON.stringify(binary)}`;
    const text = configText({ servers, presets });
    const config = check(text).config;
    assert.ok(config);
    return { plan: planDeployment(config, 's'), text };
  }

  function runScript(content: string, env: Record<string, string>) {
    const script = join(dir, 'run.sh');
    writeFileSync(script, content, { mode: 0o755 });
    return spawnSync('/bin/sh', [script], { cwd: dir, env, encoding: 'utf8' });
  }

  it('runs the server under taskset -c and expects the cpuset back, naming where it was set', () => {
    const { plan, text } = planFor(String(cpu));
    assert.deepEqual(plan.expected.cpuset, String(cpu));
    assert.equal(plan.cpusetAt, `${FILE}:${lineOf(text, 'cpuset:')}:13: presets.base.cpuset`);
    const result = runScript(plan.definition.content, { PATH: process.env['PATH'] ?? '' });
    assert.equal(result.status, 0, result.stderr);
    const [allowed, ...args] = result.stdout.trimEnd().split('\n<');
    assert.equal(allowed, `Cpus_allowed_list:\t${cpu}`);
    assert.deepEqual(
      args.join('\n<').slice(0, -1).split('>\n<'),
      plan.launch.args,
      'every argument arrives as written, the hostile alias included',
    );
    for (const file of ['pwned', 'pwned2', 'pwned3', 'pwned4'])
      assert.equal(existsSync(join(dir, file)), false);
  });

  it('refuses to run unpinned where taskset is missing', () => {
    const { plan } = planFor(String(cpu));
    const result = runScript(plan.definition.content, { PATH: join(dir, 'no-such-bin') });
    assert.equal(result.status, 127);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'run.sh: taskset not found (install util-linux); refusing to run unpinned\n');
  });

  it('leaves taskset out when the preset sets no cpuset', () => {
    const { plan } = planFor(undefined);
    assert.equal(plan.expected.cpuset, undefined);
    assert.doesNotMatch(plan.definition.content, /taskset/);
    assert.deepEqual(processArgv('/bin/llama-server', ['-m', '/m'], undefined), [
      '/bin/llama-server',
      '-m',
      '/m',
    ]);
    assert.deepEqual(processArgv('/bin/llama-server', ['-m', '/m'], '0-3'), [
      'taskset',
      '-c',
      '0-3',
      '/bin/llama-server',
      '-m',
      '/m',
    ]);
  });
});

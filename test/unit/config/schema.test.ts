import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/util/paths.ts';
import { check, configText, expectError, lineOf } from './config-text.ts';

describe('validateConfigText', () => {
  it('accepts the shipped config/llama.yaml with no errors or warnings', () => {
    const text = readFileSync(join(projectRoot, 'config', 'llama.yaml'), 'utf8');
    const result = check(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    const config = result.config;
    assert.ok(config);
    assert.equal(config.activePreset, 'conservative');
    assert.deepEqual([...config.presets.keys()], ['conservative', 'balanced', 'aggressive', 'latency']);
    assert.deepEqual([...config.hosts.keys()], ['local', 'gpu-box']);
    const box = config.hosts.get('gpu-box');
    assert.equal(box?.connection, 'ssh');
    if (box?.connection === 'ssh') {
      assert.equal(box.address, '127.0.0.1');
      assert.equal(box.port, 2222);
      assert.equal(box.knownHosts, 'strict');
    }
    assert.equal(config.servers.get('local-llama')?.model, 'generated:tiny');
    assert.equal(config.servers.get('gpu-llama')?.image, 'localhost/llama-server:debian');
  });

  it('never ships a non-loopback address', () => {
    const text = readFileSync(join(projectRoot, 'config', 'llama.yaml'), 'utf8');
    for (const host of check(text).config?.hosts.values() ?? []) {
      if (host.connection === 'ssh') assert.match(host.address, /^(127\.|::1$|localhost$)/);
    }
  });

  it('fills defaults: local host, ports, URLs, listen address, SSH port and known_hosts', () => {
    const config = check(configText()).config;
    assert.ok(config);
    assert.equal(config.hosts.get('local')?.connection, 'local');
    const server = config.servers.get('s');
    assert.equal(server?.port, 8080);
    assert.equal(server?.listenAddress, '127.0.0.1');
    assert.equal(server?.baseUrl, 'http://127.0.0.1:8080');
    assert.equal(server?.healthUrl, 'http://127.0.0.1:8080/health');
    const box = config.hosts.get('box');
    assert.ok(box?.connection === 'ssh');
    assert.equal(box.port, 22);
    assert.equal(box.knownHosts, 'strict');
    assert.match(box.knownHostsFile, /\.ssh\/known_hosts$/);
  });

  it('reports a wrong type with file, line, key, the value and what was expected', () => {
    const text = configText({
      presets: '  base:\n    parallel_slots: lots\n    threads_gen: 2\n    ctx_per_slot: 1024',
    });
    expectError(
      check(text),
      lineOf(text, 'lots'),
      'presets.base.parallel_slots',
      'expected an integer',
      '"lots"',
    );
  });

  it('points out a quoted number', () => {
    const text = configText({
      presets: '  base:\n    parallel_slots: "4"\n    threads_gen: 2\n    ctx_per_slot: 1024',
    });
    expectError(check(text), lineOf(text, '"4"'), 'presets.base.parallel_slots', 'drop the quotes');
  });

  it('rejects negative slots', () => {
    const text = configText({
      presets: '  base:\n    parallel_slots: -4\n    threads_gen: 2\n    ctx_per_slot: 1024',
    });
    expectError(check(text), lineOf(text, '-4'), 'presets.base.parallel_slots', 'from 1 to', 'got -4');
  });

  it('names an unknown key with a suggestion for a near miss', () => {
    const text = configText({
      presets:
        '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n    thread_gen: 3',
    });
    expectError(
      check(text),
      lineOf(text, 'thread_gen: 3'),
      'presets.base.thread_gen',
      "did you mean 'threads_gen'?",
    );
  });

  it('names an unknown top-level key', () => {
    const text = `${configText()}prestes: {}\n`;
    expectError(check(text), lineOf(text, 'prestes'), 'prestes', "did you mean 'presets'?");
  });

  it('rejects a bad cpuset, saying why', () => {
    const text = configText({
      presets:
        '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n    cpuset: "0-3,x"',
    });
    expectError(check(text), lineOf(text, 'cpuset'), 'presets.base.cpuset', 'a CPU list', "'x'");
  });

  it('rejects a server on an unknown host, listing the valid ones', () => {
    const text = configText({
      servers: '  s:\n    host: bx\n    kind: llama.cpp\n    runtime: process\n    model: /m',
    });
    expectError(
      check(text),
      lineOf(text, 'host: bx'),
      'servers.s.host',
      "unknown host 'bx'",
      "did you mean 'box'?",
      'local',
    );
  });

  it('rejects an unknown active_preset, listing the presets', () => {
    const text = configText({ active: 'bsae' });
    expectError(check(text), 1, 'active_preset', 'one of base', "did you mean 'base'?");
  });

  it('reports an extends cycle once, at the preset that closes it', () => {
    const presets = [
      '  base:\n    extends: b\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024',
      '  a:\n    extends: base',
      '  b:\n    extends: a',
    ].join('\n');
    const text = configText({ presets });
    const result = check(text);
    const cycles = result.errors.filter((e) => e.message.includes('cycle'));
    assert.equal(cycles.length, 1, JSON.stringify(result.errors));
    expectError(result, lineOf(text, 'extends: a'), 'presets.b.extends', 'a -> base -> b -> a');
  });

  it('rejects extends of an unknown preset', () => {
    const text = configText({ presets: '  base:\n    extends: nope\n    parallel_slots: 2' });
    expectError(
      check(text),
      lineOf(text, 'extends: nope'),
      'presets.base.extends',
      "unknown preset 'nope'",
      'base',
    );
  });

  it('requires slots, threads and context per slot somewhere in the chain', () => {
    const text = configText({ presets: '  base:\n    threads_gen: 2' });
    const result = check(text);
    expectError(result, lineOf(text, '  base:'), 'presets.base.parallel_slots', 'missing');
    expectError(result, lineOf(text, '  base:'), 'presets.base.ctx_per_slot', 'missing');
  });

  it('reports a YAML syntax error with its line', () => {
    const text = 'active_preset: base\npresets:\n  base: {parallel_slots: 2\nservers: {}\n';
    const result = check(text);
    assert.equal(result.config, undefined);
    const error = result.errors[0];
    assert.ok(error);
    assert.match(error.message, /^YAML syntax error/);
    assert.ok(error.line >= 3 && error.line <= 4, `line ${error.line}`);
  });

  it('reports duplicate keys', () => {
    const text = configText({
      presets: '  base:\n    parallel_slots: 2\n    parallel_slots: 3\n    threads_gen: 2',
    });
    assert.match(check(text).errors[0]?.message ?? '', /unique/);
  });

  it('reports an empty file', () => {
    expectError(check(''), 1, '', 'empty');
  });

  it('reports every error at once, in file order', () => {
    const text = configText({
      hosts: '  box:\n    address: 127.0.0.1\n    user: root',
      servers: '  s:\n    host: local\n    kind: tgi\n    runtime: docker',
      presets:
        '  base:\n    parallel_slots: 0\n    threads_gen: 2\n    ctx_per_slot: 1024\n    flash_attn: maybe',
    });
    const result = check(text);
    const keys = result.errors.map((e) => e.key);
    for (const key of [
      'hosts.box',
      'servers.s.kind',
      'servers.s.runtime',
      'presets.base.parallel_slots',
      'presets.base.flash_attn',
    ]) {
      assert.ok(keys.includes(key), `${key} missing from ${keys.join(', ')}`);
    }
    const lines = result.errors.map((e) => e.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  it('keeps SSH settings off host local and dangerous values off remote hosts', () => {
    const text = configText({
      hosts:
        '  local:\n    address: 10.0.0.1\n  box:\n    address: -oProxyCommand=x\n    user: root\n    ssh_agent: true',
    });
    const result = check(text);
    expectError(result, lineOf(text, 'address: 10.0.0.1'), 'hosts.local.address', 'no SSH settings');
    expectError(result, lineOf(text, 'ProxyCommand'), 'hosts.box.address', 'no leading dash');
  });

  it('requires an image for podman and refuses a model that looks like an option', () => {
    const text = configText({
      servers: '  s:\n    host: local\n    kind: vllm\n    runtime: podman\n    model: "--trust-remote-code"',
    });
    const result = check(text);
    expectError(result, lineOf(text, '  s:'), 'servers.s.image', 'container image');
    expectError(result, lineOf(text, 'trust-remote'), 'servers.s.model', "not starting with '-'");
  });

  it('keeps generated:tiny to llama.cpp', () => {
    const text = configText({
      servers: '  s:\n    host: local\n    kind: vllm\n    runtime: process\n    model: generated:tiny',
    });
    expectError(check(text), lineOf(text, 'generated:tiny'), 'servers.s.model', 'llama.cpp only');
  });

  it('checks the preset names in a host override', () => {
    const text = configText({
      hosts:
        '  box:\n    address: 127.0.0.1\n    user: root\n    ssh_agent: true\n    preset_overrides:\n      bsae: {threads_gen: 4}',
    });
    expectError(
      check(text),
      lineOf(text, 'bsae'),
      'hosts.box.preset_overrides.bsae',
      "did you mean 'base'?",
      'all',
    );
  });

  it('takes numbers and booleans as written in argument lists and env', () => {
    const text = configText({
      servers:
        '  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /m\n' +
        '    extra_args: [--seed, 42, --temp, 0.10]\n    env: {HIP_VISIBLE_DEVICES: 0, X: true}',
    });
    const server = check(text).config?.servers.get('s');
    assert.deepEqual(server?.extraArgs, ['--seed', '42', '--temp', '0.10']);
    assert.deepEqual(server?.env, { HIP_VISIBLE_DEVICES: '0', X: 'true' });
  });

  it('warns about keys a runtime ignores and ubatch above batch', () => {
    const text = configText({
      servers:
        '  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /m\n    image: x',
      presets:
        '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n    batch_size: 256\n    ubatch_size: 512',
    });
    const result = check(text);
    assert.ok(result.config);
    const messages = result.warnings.map((w) => `${w.key}: ${w.message}`);
    assert.ok(
      messages.some((m) => m.startsWith('servers.s.image: ignored')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.includes('ubatch_size 512 is above batch_size 256')),
      messages.join('\n'),
    );
  });

  it('follows aliases', () => {
    const text = configText({
      presets: '  base: &b\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n  copy: *b',
    });
    assert.equal(check(text).config?.presets.get('copy')?.values.parallelSlots, 2);
  });
});

describe('validateConfigText, empty sections and SSH credentials', () => {
  it('takes empty hosts, servers and a bare local host', () => {
    const text =
      'active_preset: base\nhosts:\n  local:\nservers:\npresets:\n  base: {parallel_slots: 1, threads_gen: 1, ctx_per_slot: 512}\n';
    const result = check(text);
    assert.deepEqual(result.errors, []);
    assert.equal(result.config?.servers.size, 0);
  });

  it('requires an identity file or the agent, even with ssh_agent: false', () => {
    const text = configText({
      hosts: '  box:\n    address: 127.0.0.1\n    user: root\n    ssh_agent: false',
    });
    expectError(check(text), lineOf(text, '  box:'), 'hosts.box', 'identity_file', 'ssh_agent: true');
  });
});

// Instances behind nginx, planned: consecutive ports, cpuset shares, one state folder each, nginx.conf that
// real nginx accepts, and a fingerprint that covers every part.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDeployment } from '../../../src/deploy/plan-deployment.ts';
import { check, configText } from '../config/config-text.ts';

function planWith(presetExtra: string, serverExtra = '', runtime = 'process') {
  const threads = presetExtra.includes('threads_gen') ? '' : '    threads_gen: 2\n';
  const presets = `  base:\n    parallel_slots: 2\n${threads}    ctx_per_slot: 1024\n${presetExtra}`;
  const image = runtime === 'podman' ? '\n    image: localhost/llama-server:debian' : '';
  // Host box (never contacted here): a cpuset is not checked against this machine's CPUs.
  const servers = `  s:\n    host: box\n    kind: llama.cpp\n    runtime: ${runtime}${image}\n    model: /models/m.gguf\n    port: 9000${serverExtra}`;
  const result = check(configText({ servers, presets }));
  assert.ok(result.config, JSON.stringify(result.errors));
  return planDeployment(result.config, 's');
}

/** `nginx -t` on a configuration, in a prefix of its own. */
function nginxTest(conf: string): { status: number | null; stderr: string } {
  const prefix = mkdtempSync(join(tmpdir(), 'inferload-nginx-t-'));
  mkdirSync(join(prefix, 'tmp'));
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const args = ['-t', '-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')];
  return spawnSync('nginx', args, { encoding: 'utf8' });
}

describe('planning instances behind nginx', () => {
  it('puts 3 instances on consecutive ports after the server port, each with its share of the cpuset', () => {
    const plan = planWith("    instances: 3\n    threads_gen: 1\n    cpuset: '0-6'\n");
    const instances = plan.fleet?.instances ?? [];
    assert.deepEqual(
      instances.map((p) => [p.server.port, p.preset.cpuset, p.unit.stateKey, p.expected.cpuset]),
      [
        [9001, '0-2', 's/instance-1', '0-2'],
        [9002, '3-4', 's/instance-2', '3-4'],
        [9003, '5-6', 's/instance-3', '5-6'],
      ],
    );
    for (const p of instances) {
      assert.ok(p.launch.args.join(' ').includes(`--port ${p.server.port}`));
      assert.match(p.definition.content, new RegExp(`taskset -c ${p.preset.cpuset} `));
      assert.equal(p.server.healthUrl, `http://127.0.0.1:${p.server.port}/health`);
    }
    assert.equal(plan.definition.fileName, 'nginx.conf');
    assert.equal(plan.server.port, 9000, 'the server keeps its port: nginx listens there');
    const conf = plan.definition.content;
    for (const port of [9001, 9002, 9003]) assert.ok(conf.includes(`server "127.0.0.1:${port}";`));
    assert.ok(conf.includes('listen "127.0.0.1:9000";'));
    assert.ok(!conf.includes('least_conn'), 'round robin is nginx default');
  });

  it('renders least_conn, keepalive, timeouts, unbuffered streaming over HTTP/1.1 and no retry when asked', () => {
    const plan = planWith(
      '    instances: 2\n    proxy_balance: least_conn\n    proxy_keepalive: 7\n    proxy_connect_timeout: 3\n    proxy_read_timeout: 42\n    proxy_retry: false\n',
    );
    const conf = plan.definition.content;
    for (const line of [
      'least_conn;',
      'keepalive 7;',
      'proxy_connect_timeout 3s;',
      'proxy_read_timeout 42s;',
      'proxy_buffering off;',
      'proxy_http_version 1.1;',
      'proxy_set_header Connection "";',
      'proxy_next_upstream off;',
      'add_header X-Inferload-Proxy-Error 502 always;',
    ])
      assert.ok(conf.includes(line), `${line} in\n${conf}`);
    const tested = nginxTest(conf);
    assert.equal(tested.status, 0, tested.stderr);
  });

  it('fingerprints every part: instances, balance and nginx binary change it; the same config does not', () => {
    const base = planWith('    instances: 2\n');
    assert.equal(planWith('    instances: 2\n').fingerprint, base.fingerprint);
    const others = [
      planWith('    instances: 3\n'),
      planWith('    instances: 2\n    proxy_balance: least_conn\n'),
      planWith('    instances: 2\n', '\n    proxy_binary: /opt/nginx/sbin/nginx'),
      planWith('    instances: 2\n    threads_batch: 1\n'),
    ];
    for (const other of others) assert.notEqual(other.fingerprint, base.fingerprint);
    assert.equal(planWith('').fleet, undefined, 'one instance, no proxy: the server alone');
    assert.equal(
      planWith('    proxy: true\n').fleet?.instances.length,
      1,
      'a proxy in front of one instance',
    );
  });

  it('names its containers per instance under podman', () => {
    const plan = planWith('    instances: 2\n    instance_base_port: 9100\n', '', 'podman');
    assert.deepEqual(
      plan.fleet?.instances.map((p) => [p.name, p.server.port, p.container?.name]),
      [
        ['inferload-s-1', 9100, 'inferload-s-1'],
        ['inferload-s-2', 9101, 'inferload-s-2'],
      ],
    );
  });

  it('refuses a base port that puts an instance on the server port, and a cpuset smaller than the count', () => {
    assert.throws(
      () => planWith('    instances: 3\n    instance_base_port: 8998\n'),
      /port 9000 is where nginx listens, but instances 3 from instance_base_port 8998 use 8998-9000/,
    );
    assert.throws(
      () => planWith("    instances: 3\n    threads_gen: 1\n    cpuset: '0-1'\n"),
      /cpuset 0-1 has 2 CPUs, fewer than the 3 instances/,
    );
  });

  it('warns when the threads exceed each instance share', () => {
    const plan = planWith("    instances: 2\n    threads_gen: 3\n    cpuset: '0-3'\n");
    assert.ok(
      plan.warnings.some((w) => w.includes("threads_gen 3 exceeds the 2 CPUs of each instance's share")),
      plan.warnings.join('\n'),
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { podmanRunArgs } from '../../../src/podman/run-args.ts';
import type { ContainerSpec } from '../../../src/podman/container-spec.ts';
import { UserError } from '../../../src/util/errors.ts';
import { HOSTILE } from './hostile.ts';

function spec(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'llama-balanced',
    image: 'localhost/llama-server:debian',
    args: ['-m', '/models/tiny.gguf', '--port', '8080', '--threads', '4'],
    env: { LLAMA_ARG_N_PARALLEL: '2' },
    network: 'host',
    volumes: [{ host: '/srv/models', container: '/models', ro: true }],
    labels: { 'io.inferload.preset': 'balanced' },
    ...overrides,
  };
}

describe('podmanRunArgs', () => {
  it('builds the full argv, image then llama-server arguments', () => {
    const argv = podmanRunArgs(
      spec({
        cpusetCpus: '0-3',
        healthCmd: ['curl', '-fsS', 'http://127.0.0.1:8080/health'],
        healthStartPeriod: '10m',
      }),
    );
    // prettier-ignore
    assert.deepEqual(argv, [
      'podman', 'run', '--detach', '--name', 'llama-balanced', '--network', 'host',
      '--cpuset-cpus', '0-3',
      '--volume', '/srv/models:/models:ro',
      '--label', 'io.inferload.preset=balanced',
      '--env', 'LLAMA_ARG_N_PARALLEL=2',
      '--health-cmd', '["curl","-fsS","http://127.0.0.1:8080/health"]',
      '--health-start-period', '10m',
      'localhost/llama-server:debian', '-m', '/models/tiny.gguf', '--port', '8080', '--threads', '4',
    ]);
  });

  it('leaves out what the spec leaves out, and adds --replace on request', () => {
    const argv = podmanRunArgs(spec({ volumes: [], labels: {}, env: {}, args: [] }), { replace: true });
    // prettier-ignore
    assert.deepEqual(argv, [
      'podman', 'run', '--detach', '--name', 'llama-balanced', '--network', 'host', '--replace',
      'localhost/llama-server:debian',
    ]);
  });

  it('passes devices and podman arguments, the arguments before the image', () => {
    const argv = podmanRunArgs(
      spec({
        devices: ['/dev/kfd', 'nvidia.com/gpu=all'],
        podmanArgs: ['--group-add', 'keep-groups'],
        args: [],
      }),
    );
    // prettier-ignore
    assert.deepEqual(argv.slice(7), [
      '--volume', '/srv/models:/models:ro',
      '--device', '/dev/kfd', '--device', 'nvidia.com/gpu=all',
      '--label', 'io.inferload.preset=balanced',
      '--env', 'LLAMA_ARG_N_PARALLEL=2',
      '--group-add', 'keep-groups',
      'localhost/llama-server:debian',
    ]);
  });

  it('keeps a hostile value as one untouched argv element', () => {
    const argv = podmanRunArgs(
      spec({
        env: { HOSTILE },
        labels: { hostile: HOSTILE },
        args: ['--alias', HOSTILE],
        healthCmd: ['x', HOSTILE],
      }),
    );
    assert.ok(argv.includes(`HOSTILE=${HOSTILE}`));
    assert.ok(argv.includes(`hostile=${HOSTILE}`));
    assert.equal(argv.at(-1), HOSTILE);
    const health = argv[argv.indexOf('--health-cmd') + 1] ?? '';
    assert.deepEqual(JSON.parse(health), ['x', HOSTILE]);
  });

  it('rejects values that cannot be said unambiguously, naming field and value', () => {
    const cases: [Partial<ContainerSpec>, RegExp][] = [
      [{ name: 'bad name' }, /name "bad name"/],
      [
        { image: 'img --privileged' },
        /image "img --privileged" must be a container image reference .*: whitespace/,
      ],
      [{ image: '$(touch /tmp/x)' }, /image "\$\(touch \/tmp\/x\)" .*"\$" cannot appear in it/],
      [
        { cpusetCpus: '1;2' },
        /cpusetCpus "1;2" must be a cpuset list such as 1 or 0-3,8: '1;2' is not a CPU/,
      ],
      [{ cpusetCpus: '0 - 3' }, /cpusetCpus "0 - 3" .*: it holds whitespace/],
      [
        { devices: ['/dev/dri`id`'] },
        /device "\/dev\/dri`id`" must be a device path .*: it holds characters/,
      ],
      [{ podmanArgs: ['a\0b'] }, /podman argument "a\\u0000b" holds a NUL byte/],
      [{ env: { 'A=B': 'x' } }, /env key "A=B"/],
      [{ env: { '1X': 'x' } }, /env key "1X"/],
      [{ labels: { 'a b': 'x' } }, /label key "a b"/],
      [{ volumes: [{ host: '/a:b', container: '/m', ro: true }] }, /volume host path "\/a:b"/],
      [{ volumes: [{ host: 'relative', container: '/m', ro: true }] }, /must be absolute/],
      [{ args: ['a\0b'] }, /NUL/],
      [{ healthCmd: [] }, /healthCmd/],
      [{ healthStartPeriod: '10 minutes' }, /healthStartPeriod/],
    ];
    for (const [overrides, message] of cases) {
      assert.throws(
        () => podmanRunArgs(spec(overrides)),
        (error: unknown) => {
          assert.ok(error instanceof UserError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspectContainer, parseContainerInspect } from '../../../src/podman/inspect-container.ts';
import { CommandError } from '../../../src/process/command-error.ts';
import type { CommandRunner, ExecResult } from '../../../src/process/command-runner.ts';

// Recorded from podman 4.3.1 (Debian 12) running llama-server in localhost/llama-server:debian, started by
// runContainer with a label and an env var holding quotes, $, % and backticks.
const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const HOSTILE_RECORDED = 'a"b $HOME %h `id`';

function answering(result: ExecResult): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return { calls, exec: async (argv) => (calls.push(argv), result) };
}

describe('parseContainerInspect', () => {
  it('reads id, state, cpuset, labels, env, image and arguments of a running container', () => {
    const info = parseContainerInspect(fixture('container-inspect.json'));
    assert.match(info.id, /^[0-9a-f]{64}$/);
    assert.equal(info.name, 'inferload-fixture');
    assert.equal(info.running, true);
    assert.equal(info.status, 'running');
    assert.equal(info.cpusetCpus, '1');
    assert.equal(info.pid, 28227, 'the main process pid on the host');
    // The image's own labels show through on the container.
    assert.deepEqual(info.labels, {
      'io.inferload.cpu-backend': 'zen4',
      'io.inferload.hostile': HOSTILE_RECORDED,
      'io.inferload.llama-root': '2e007996cd6dee1b',
      'io.inferload.llama-version': '1:0.7.0+dfsg-2',
      'io.inferload.preset': 'balanced',
    });
    assert.equal(info.env['HOSTILE'], HOSTILE_RECORDED);
    assert.equal(info.env['LD_LIBRARY_PATH'], '/usr/lib/x86_64-linux-gnu/llama');
    assert.equal(info.image, 'localhost/llama-server:debian');
    // prettier-ignore
    assert.deepEqual(info.args, [
      '--model', '/models/tiny-llama-82c1b03e0136.gguf', '--host', '127.0.0.1', '--port', '18091',
      '--parallel', '2', '--threads', '1', '--metrics',
    ]);
    assert.match(info.startedAt ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  it('reads a stopped container as not running', () => {
    const info = parseContainerInspect(fixture('container-inspect-exited.json'));
    assert.deepEqual([info.running, info.status, info.pid], [false, 'exited', undefined]);
  });

  it('leaves startedAt out for a container that never started, and tolerates missing fields', () => {
    const info = parseContainerInspect(
      '[{"Id":"abc","State":{"Running":false,"StartedAt":"0001-01-01T00:00:00Z"}}]',
    );
    // prettier-ignore
    assert.deepEqual(info, {
      id: 'abc', name: '', running: false, status: '', cpusetCpus: '', labels: {}, env: {}, image: '', args: [],
      startedAt: undefined,
    });
  });

  it('fails on output that is not an inspect array', () => {
    assert.throws(() => parseContainerInspect('[]'), /JSON array of objects/);
  });
});

describe('inspectContainer', () => {
  it('returns undefined when podman says there is no such container', async () => {
    const runner = answering({
      code: 125,
      stdout: '[]\n',
      stderr: 'Error: inspecting object: no such container x\n',
    });
    assert.equal(await inspectContainer(runner, 'x'), undefined);
    assert.deepEqual(runner.calls, [['podman', 'container', 'inspect', 'x']]);
  });

  it('throws a CommandError for any other failure', async () => {
    const runner = answering({ code: 125, stdout: '', stderr: 'Error: database is locked\n' });
    await assert.rejects(inspectContainer(runner, 'x'), (error: unknown) => {
      assert.ok(error instanceof CommandError);
      assert.match(error.message, /podman container exited 125: Error: database is locked/);
      return true;
    });
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { killProcessGroup } from '../../../src/process/kill-group.ts';
import { isAlive } from '../../../src/process/probe-pid.ts';
import { runCommand } from '../../../src/process/run-command.ts';
import { KEPT_OUTPUT, startProcess } from '../../../src/process/start-process.ts';

const temp = (): string => mkdtempSync(join(tmpdir(), 'inferload-start-process-'));

describe('startProcess', () => {
  it('hands stdout and stderr over as they arrive and reports the exit', async () => {
    const chunks: string[] = [];
    const running = startProcess(['sh', '-c', 'echo one; sleep 0.2; echo two; echo bad >&2; exit 5'], {
      onStdout: (chunk) => chunks.push(chunk),
    });
    assert.ok(typeof running.pid === 'number');
    const exit = await running.done;
    assert.deepEqual(chunks, ['one\n', 'two\n']);
    assert.deepEqual(exit, { code: 5, stdout: 'one\ntwo\n', stderr: 'bad\n' });
  });

  it('keeps only the tail of a long output', async () => {
    const exit = await startProcess(['sh', '-c', 'head -c 200000 /dev/zero | tr "\\0" x; echo end']).done;
    assert.equal(exit.stdout.length, KEPT_OUTPUT);
    assert.ok(exit.stdout.endsWith('xend\n'));
  });

  it('reports a program that cannot start in the result, never as a rejection', async () => {
    const running = startProcess(['inferload-no-such-program']);
    assert.equal(running.pid, undefined);
    const exit = await running.done;
    assert.equal(exit.code, 127);
    assert.equal(exit.startError, 'inferload-no-such-program: not found (ENOENT)');
  });

  it('stop() signals its whole group when started as one', async () => {
    const dir = temp();
    const running = startProcess(['sh', '-c', '(sleep 1; touch "$0") & wait', join(dir, 'survived')], {
      group: true,
    });
    await sleep(200);
    running.stop();
    const exit = await running.done;
    assert.deepEqual([exit.code, exit.signal], [143, 'SIGTERM']);
    await sleep(1_200);
    assert.equal(existsSync(join(dir, 'survived')), false);
  });

  it('sends the stop signal on abort, and the process may finish its work', async () => {
    const controller = new AbortController();
    const running = startProcess(
      ['sh', '-c', 'trap "echo wrapped up; exit 3" INT; echo ready; while :; do sleep 0.05; done'],
      { signal: controller.signal, stopSignal: 'SIGINT', onStdout: () => controller.abort() },
    );
    const exit = await running.done;
    assert.deepEqual([exit.code, exit.stdout], [3, 'ready\nwrapped up\n']);
  });

  it('writes straight to a file descriptor', async () => {
    const log = join(temp(), 'log');
    const fd = openSync(log, 'w');
    const running = startProcess(['sh', '-c', 'echo out; echo err >&2'], { stdout: fd, stderr: fd });
    closeSync(fd);
    assert.deepEqual(await running.done, { code: 0, stdout: '', stderr: '' });
    assert.equal(readFileSync(log, 'utf8'), 'out\nerr\n');
  });

  it('lets the Node process that started it exit once unref()ed, the process left running', async () => {
    const module = fileURLToPath(new URL('../../../src/process/start-process.ts', import.meta.url));
    const script = `import { startProcess } from ${JSON.stringify(module)};
      const server = startProcess(['sleep', '30'], { group: true, stdout: 'ignore', stderr: 'ignore' });
      server.unref();
      console.log(server.pid);`;
    const started = Date.now();
    const result = await runCommand([
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    const pid = Number(result.stdout.trim());
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.ok(Date.now() - started < 20_000, 'exited without waiting for its child');
      assert.equal(isAlive(pid), true, 'the child outlived it');
    } finally {
      killProcessGroup(pid, 'SIGKILL');
    }
  });
});

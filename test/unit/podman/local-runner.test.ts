import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalRunner } from '../../../src/podman/local-runner.ts';
import { CommandTimeoutError } from '../../../src/process/command-timeout-error.ts';
import { EXIT_NOT_FOUND } from '../../../src/process/exit-status.ts';

describe('createLocalRunner', () => {
  const runner = createLocalRunner({ INFERLOAD_RUNNER_BASE: 'base' });

  it('passes every argument literally, without a shell', async () => {
    const hostile = `a"b 'c' $HOME \`id\` $(id) ;|& \\ *`;
    const result = await runner.exec(['printf', '%s\\n', hostile, '']);
    assert.deepEqual(result, { code: 0, stdout: `${hostile}\n\n`, stderr: '' });
  });

  it('feeds stdin and reports the exit code', async () => {
    const result = await runner.exec(['sh', '-c', 'cat; echo oops >&2; exit 3'], { stdin: 'in put' });
    assert.deepEqual(result, { code: 3, stdout: 'in put', stderr: 'oops\n' });
  });

  it("adds the runner's and the call's environment", async () => {
    const result = await runner.exec(['sh', '-c', 'echo "$INFERLOAD_RUNNER_BASE $CALL"'], {
      env: { CALL: 'call' },
    });
    assert.equal(result.stdout, 'base call\n');
  });

  it('answers 127 for a missing program and 128+N for a signal', async () => {
    const missing = await runner.exec(['inferload-no-such-program']);
    assert.equal(missing.code, EXIT_NOT_FOUND);
    assert.match(missing.stderr, /ENOENT/);
    const killed = await runner.exec(['sh', '-c', 'kill -TERM $$']);
    assert.equal(killed.code, 128 + 15);
  });

  it('kills a command past its timeout and rejects, as both sessions do', async () => {
    const started = Date.now();
    const error = await runner.exec(['sleep', '10'], { timeoutMs: 100 }).catch((e: unknown) => e);
    assert.ok(error instanceof CommandTimeoutError, String(error));
    assert.match(error.message, /timed out after 100 ms/);
    assert.ok(Date.now() - started < 5000);
  });
});

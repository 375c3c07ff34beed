import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalRunner, EXIT_NOT_FOUND, EXIT_TIMED_OUT } from '../../../src/podman/local-runner.ts';

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

  it('kills a command past its timeout with code 124', async () => {
    const started = Date.now();
    const result = await runner.exec(['sleep', '10'], { timeoutMs: 100 });
    assert.equal(result.code, EXIT_TIMED_OUT);
    assert.match(result.stderr, /timed out after 100 ms/);
    assert.ok(Date.now() - started < 5000);
  });
});

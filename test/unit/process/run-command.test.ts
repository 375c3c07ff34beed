import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandCanceledError } from '../../../src/process/command-canceled-error.ts';
import { CommandTimeoutError } from '../../../src/process/command-timeout-error.ts';
import { runCommand } from '../../../src/process/run-command.ts';

describe('runCommand', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inferload-run-command-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns exit status, stdout and stderr exactly, final newlines kept', async () => {
    const result = await runCommand(['sh', '-c', 'printf "a\\n\\n"; printf "b\\n" >&2; exit 4']);
    assert.deepEqual(result, { code: 4, stdout: 'a\n\n', stderr: 'b\n' });
  });

  it('feeds stdin, adds env to this environment and runs in cwd', async () => {
    const result = await runCommand(['sh', '-c', 'cat; printf "|%s|%s|" "$EXTRA" "$PWD"; test -n "$PATH"'], {
      stdin: 'in ✓',
      env: { EXTRA: 'x y' },
      cwd: dir,
    });
    assert.deepEqual(result, { code: 0, stdout: `in ✓|x y|${dir}|`, stderr: '' });
  });

  it('answers as a shell would for a missing program, one that cannot run, and a signal', async () => {
    const missing = await runCommand(['inferload-no-such-program']);
    assert.deepEqual(missing, {
      code: 127,
      stdout: '',
      stderr: 'inferload-no-such-program: not found (ENOENT)\n',
    });
    assert.equal((await runCommand([dir])).code, 126);
    assert.equal((await runCommand(['sh', '-c', 'kill -KILL $$'])).code, 137);
  });

  it('refuses an empty argv', async () => {
    await assert.rejects(runCommand([]), /argv is empty/);
  });

  it('rejects at the timeout with the command, the limit and where, and kills the process group', async () => {
    const survived = join(dir, 'timeout');
    const started = Date.now();
    const error = await runCommand(['sh', '-c', '(sleep 1; touch "$0") & wait', survived], {
      timeoutMs: 200,
      where: 'here',
    }).catch((e: unknown) => e);
    assert.ok(error instanceof CommandTimeoutError, String(error));
    assert.equal(error.message, 'sh -c: timed out after 200 ms on here');
    assert.deepEqual([error.command, error.timeoutMs, error.where], ['sh -c', 200, 'here']);
    assert.ok(Date.now() - started < 900);
    await sleep(1_200);
    assert.equal(existsSync(survived), false, 'the background child died with the group');
  });

  it('rejects at the timeout even when a child outside the group keeps the output open', async () => {
    const started = Date.now();
    await assert.rejects(
      runCommand(['sh', '-c', 'setsid sleep 2 & sleep 2'], { timeoutMs: 200 }),
      CommandTimeoutError,
    );
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  it('rejects on abort with a CommandCanceledError carrying the reason, and kills the process group', async () => {
    const survived = join(dir, 'cancel');
    const controller = new AbortController();
    setTimeout(() => controller.abort('enough'), 200);
    const error = await runCommand(['sh', '-c', '(sleep 1; touch "$0") & wait', survived], {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof CommandCanceledError, String(error));
    assert.equal(error.message, 'sh -c: canceled on local');
    assert.equal(error.cause, 'enough');
    await sleep(1_200);
    assert.equal(existsSync(survived), false);
  });

  it('starts nothing when the signal already aborted', async () => {
    const marker = join(dir, 'never');
    await assert.rejects(
      runCommand(['touch', marker], { signal: AbortSignal.abort() }),
      CommandCanceledError,
    );
    assert.equal(existsSync(marker), false);
  });
});

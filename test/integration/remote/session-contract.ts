// The RemoteSession contract, written once and run against LocalSession and the SSH session.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandCanceledError } from '../../../src/process/command-canceled-error.ts';
import { CommandTimeoutError } from '../../../src/process/command-timeout-error.ts';
import type { RemoteSession } from '../../../src/remote/session.ts';

/** Opens a session whose log lines go to `log`; the host shares this machine's files. */
export type OpenSession = (log: (line: string) => void) => Promise<RemoteSession>;

export const HOSTILE_ARGS = [
  '8; rm -rf /',
  '$(touch /tmp/inferload-pwned)',
  '`touch /tmp/inferload-pwned`',
  "it's",
  '"double"',
  'a b  c',
  'line1\nline2',
  '*',
  '',
  'ünïcødé ✓',
  '~',
  '$HOME',
  'back\\slash',
  '-n',
  '; exit 3',
  '| cat /etc/passwd',
];

export function describeSessionContract(name: string, open: OpenSession): void {
  describe(`RemoteSession contract: ${name}`, { timeout: 60_000 }, () => {
    let session: RemoteSession;
    let dir: string;
    const logs: string[] = [];

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'inferload-contract-'));
      session = await open((line) => logs.push(line));
    });

    after(async () => {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('passes hostile arguments through as literal arguments', async () => {
      const result = await session.exec(['printf', '%s\\n', ...HOSTILE_ARGS]);
      assert.deepEqual(result, {
        code: 0,
        stdout: HOSTILE_ARGS.map((arg) => `${arg}\n`).join(''),
        stderr: '',
      });
      assert.equal(existsSync('/tmp/inferload-pwned'), false, 'no substitution ran');
    });

    it('creates exactly the file named "a; touch pwned" and no pwned', async () => {
      const folder = join(dir, 'touch');
      assert.equal((await session.exec(['mkdir', folder])).code, 0);
      const pwnedHere = [join(folder, 'pwned'), join(homedir(), 'pwned'), join(process.cwd(), 'pwned')];
      assert.deepEqual(pwnedHere.filter(existsSync), [], 'no pwned before the test');
      const result = await session.exec(['touch', join(folder, 'a; touch pwned')]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(readdirSync(folder), ['a; touch pwned']);
      assert.deepEqual(pwnedHere.filter(existsSync), []);
    });

    it('feeds stdin to the command', async () => {
      const input = `first line\n$(not run) 'q' ✓\n${'x'.repeat(100_000)}`;
      assert.deepEqual(await session.exec(['cat'], { stdin: input }), { code: 0, stdout: input, stderr: '' });
    });

    it('reports non-zero exit codes, stderr, a missing command and death by signal', async () => {
      assert.deepEqual(await session.exec(['sh', '-c', 'echo out; echo err >&2; exit 7']), {
        code: 7,
        stdout: 'out\n',
        stderr: 'err\n',
      });
      assert.equal((await session.exec(['false'])).code, 1);
      assert.equal((await session.exec(['inferload-no-such-command'])).code, 127);
      assert.equal((await session.exec(['sh', '-c', 'kill -TERM $$'])).code, 143);
    });

    it('passes env values literally, and keeps secret-named ones out of the log', async () => {
      const env = { MY_VAR: "a b; $(reboot) 'q' `x`", HF_TOKEN: 'hf_s3cr3t-value', EMPTY: '' };
      const result = await session.exec(
        ['sh', '-c', 'printf "%s|%s|%s|" "$MY_VAR" "$HF_TOKEN" "${EMPTY-unset}"'],
        {
          env,
        },
      );
      assert.deepEqual(result, { code: 0, stdout: `${env.MY_VAR}|${env.HF_TOKEN}||`, stderr: '' });
      assert.equal(logs.join('\n').includes('hf_s3cr3t'), false, logs.join('\n'));
      assert.match(logs.join('\n'), /MY_VAR/);
    });

    it('kills a command that runs past its timeout, its children included', async () => {
      const survived = join(dir, 'survived');
      const started = Date.now();
      await assert.rejects(
        session.exec(['sh', '-c', 'sleep 3; touch "$0"', survived], { timeoutMs: 300 }),
        /timed out after 300 ms/,
      );
      // An SSH exec alone can take most of a second on a busy 2-core machine: the margin is the command's 3 s.
      assert.ok(Date.now() - started < 2_500, 'rejected at the timeout, not when the command ended');
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      assert.equal(existsSync(survived), false, 'the command was stopped');
      assert.equal((await session.exec(['true'])).code, 0, 'the session still works');
    });

    it('rejects a timeout with a CommandTimeoutError naming the command and the limit', async () => {
      const error = await session.exec(['sleep', '5'], { timeoutMs: 200 }).catch((e: unknown) => e);
      assert.ok(error instanceof CommandTimeoutError, String(error));
      assert.equal(error.command, 'sleep 5');
      assert.equal(error.timeoutMs, 200);
      assert.match(error.message, /^sleep 5: timed out after 200 ms on \S/);
    });

    it('kills the whole process group at the timeout, background children included', async () => {
      const survived = join(dir, 'survived-timeout');
      await assert.rejects(
        session.exec(['sh', '-c', '(sleep 1; touch "$0") & wait', survived], { timeoutMs: 300 }),
        CommandTimeoutError,
      );
      await sleep(1_500);
      assert.equal(existsSync(survived), false, 'the background child was killed with the command');
    });

    it('cancels a command when its signal aborts, killing its whole process group', async () => {
      const survived = join(dir, 'survived-cancel');
      const controller = new AbortController();
      const started = Date.now();
      // Left alone it would end after 6 s; an SSH session needs a second channel to kill (~0.5 s on a busy box,
      // over 2 s seen with a whole test suite beside it).
      const running = session.exec(['sh', '-c', '(sleep 6; touch "$0") & wait', survived], {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 300);
      const error = await running.catch((e: unknown) => e);
      assert.ok(error instanceof CommandCanceledError, String(error));
      assert.match(error.message, /^sh -c: canceled on \S/);
      assert.ok(Date.now() - started < 5_000, 'rejected at the abort, not when the command ended');
      await sleep(6_500 - (Date.now() - started));
      assert.equal(existsSync(survived), false, 'the command and its background child were killed');
      assert.equal((await session.exec(['true'])).code, 0, 'the session still works');
    });

    it('runs nothing for a signal that already aborted', async () => {
      const marker = join(dir, 'never-ran');
      const error = await session
        .exec(['touch', marker], { signal: AbortSignal.abort() })
        .catch((e: unknown) => e);
      assert.ok(error instanceof CommandCanceledError, String(error));
      await sleep(200);
      assert.equal(existsSync(marker), false);
    });

    it('reports output, stdin, exit codes and a missing command the same with a signal given', async () => {
      const { signal } = new AbortController();
      const printed = await session.exec(['printf', '%s\\n', ...HOSTILE_ARGS], { signal });
      assert.deepEqual(printed, {
        code: 0,
        stdout: HOSTILE_ARGS.map((arg) => `${arg}\n`).join(''),
        stderr: '',
      });
      assert.deepEqual(
        await session.exec(['sh', '-c', 'cat; echo err >&2; exit 7'], { signal, stdin: 'in' }),
        {
          code: 7,
          stdout: 'in',
          stderr: 'err\n',
        },
      );
      assert.equal((await session.exec(['inferload-no-such-command'], { signal })).code, 127);
    });

    it('streams output as it is written, and stop() ends a command that writes forever', async () => {
      const chunks: string[] = [];
      let streaming: ReturnType<RemoteSession['stream']> | undefined;
      const gotFirst = new Promise<void>((resolve) => {
        const command = session.stream(
          ['sh', '-c', 'while :; do printf "%s\\n" "$1"; sleep 0.1; done', 'loop', HOSTILE_ARGS[0] ?? ''],
          (chunk) => {
            chunks.push(chunk);
            resolve();
          },
        );
        streaming = command;
      });
      await gotFirst;
      await new Promise((resolve) => setTimeout(resolve, 350));
      streaming?.stop();
      const result = await streaming?.done;
      assert.ok(result !== undefined && result.code !== 0, 'ended by stop(), not by itself');
      const lines = chunks.join('').split('\n').filter(Boolean);
      assert.ok(lines.length >= 2, `several lines arrived while it ran: ${lines.length}`);
      assert.ok(lines.every((l) => l === HOSTILE_ARGS[0]));
      const after = lines.length;
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(chunks.join('').split('\n').filter(Boolean).length, after, 'nothing arrives after stop');
    });

    it('uploads atomically with a mode, into new folders, and reads the file back', async () => {
      const path = join(dir, 'new dir', "quadlet's", 'llama $(x).container');
      const content = '[Container]\nImage=localhost/llama-server:debian\nExec=--ctx 4096 ✓\n';
      await session.upload(content, path, 0o640);
      assert.equal(await session.readFile(path), content);
      assert.equal(statSync(path).mode & 0o777, 0o640);
      await session.upload(Buffer.from('second'), path, 0o600);
      assert.equal(await session.readFile(path), 'second');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.deepEqual(
        readdirSync(join(dir, 'new dir', "quadlet's")),
        ['llama $(x).container'],
        'no temp file left',
      );
    });

    it('uploads with mode 644 by default and reads a missing file as undefined', async () => {
      const path = join(dir, 'plain.txt');
      await session.upload('x', path);
      assert.equal(statSync(path).mode & 0o777, 0o644);
      assert.equal(await session.readFile(join(dir, 'missing.txt')), undefined);
    });

    it('reports 126 for a file that is not executable', async () => {
      const path = join(dir, 'not-executable');
      await session.upload('#!/bin/sh\necho ran\n', path, 0o644);
      const result = await session.exec([path]);
      assert.equal(result.code, 126);
      assert.equal(result.stdout, '');
    });

    it('names its host', () => {
      assert.equal(typeof session.host, 'string');
      assert.ok(session.host.length > 0);
    });
  });
}

// One command to its end on this machine (execa, no shell): output collected, a timeout or an abort kills
// its whole process group and rejects with a typed error, as the SSH session does on a remote host.
import { execa } from 'execa';
import { CommandCanceledError } from './command-canceled-error.ts';
import type { ExecOptions, ExecResult } from './command-runner.ts';
import { CommandTimeoutError } from './command-timeout-error.ts';
import { exitStatusOf } from './exit-status.ts';
import { killProcessGroup } from './kill-group.ts';

export interface RunOptions extends ExecOptions {
  cwd?: string;
  /** Names the machine in errors (default `local`). */
  where?: string;
}

/** Runs argv and resolves with its exit status and output, whatever the status; rejects on timeout or abort. */
export async function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('exec needs a command: argv is empty');
  const where = options.where ?? 'local';
  const { signal, timeoutMs } = options;
  if (signal?.aborted) throw new CommandCanceledError(argv, where, signal.reason);
  const subprocess = execa(program, args, {
    reject: false,
    stripFinalNewline: false,
    // Its own process group, so a timeout or an abort reaches the command's children too.
    detached: true,
    ...(options.stdin === undefined ? { stdin: 'ignore' as const } : { input: options.stdin }),
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stop: () => void = () => undefined;
  // Settles at the timeout or the abort, not when the output closes: a child that escaped the group may hold it.
  const stopped = new Promise<never>((_, reject) => {
    const end = (error: Error): void => {
      killProcessGroup(subprocess.pid, 'SIGKILL');
      reject(error);
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => end(new CommandTimeoutError(argv, timeoutMs, where)), timeoutMs);
    const onAbort = (): void => end(new CommandCanceledError(argv, where, signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    stop = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
  });
  try {
    const result = await Promise.race([subprocess, stopped]);
    const status = exitStatusOf(result, program);
    if (status === undefined) throw new Error(`${program}: ${result.shortMessage ?? 'failed to run'}`);
    const stderr = status.startError ? `${result.stderr}${status.startError}\n` : result.stderr;
    return { code: status.code, stdout: result.stdout, stderr };
  } finally {
    stop();
  }
}

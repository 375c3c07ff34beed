// A quick probe run to its end before anything else happens (`k6 version`, `git describe`): execa's sync form.
import { execaSync } from 'execa';
import type { ExecResult } from './command-runner.ts';
import { CommandTimeoutError } from './command-timeout-error.ts';
import { exitStatusOf } from './exit-status.ts';

export interface RunSyncOptions {
  cwd?: string;
  /** Kills the program (not its children: a synchronous run has no process group) and throws after this long. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  /** Whether `env` adds to this process's environment (default) or replaces it. */
  inheritEnv?: boolean;
}

/** Runs argv with no input and returns its exit status and output; throws CommandTimeoutError on timeout. */
export function runCommandSync(argv: readonly string[], options: RunSyncOptions = {}): ExecResult {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('exec needs a command: argv is empty');
  const result = execaSync(program, args, {
    reject: false,
    stripFinalNewline: false,
    stdin: 'ignore',
    extendEnv: options.inheritEnv ?? true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  if (result.timedOut) throw new CommandTimeoutError(argv, options.timeoutMs ?? 0, 'local');
  const status = exitStatusOf(result, program);
  if (status === undefined) throw new Error(`${program}: ${result.shortMessage ?? 'failed to run'}`);
  const stderr = result.stderr ?? '';
  return {
    code: status.code,
    stdout: result.stdout ?? '',
    stderr: status.startError ? `${stderr}${status.startError}\n` : stderr,
  };
}

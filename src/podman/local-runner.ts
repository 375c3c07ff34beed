// A CommandRunner for this machine: spawns argv directly (no shell), so hostile values stay literal.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { CommandRunner, ExecOptions, ExecResult } from './command-runner.ts';

/** Exit code for "ran past its timeout", as coreutils' timeout(1) reports it. */
export const EXIT_TIMED_OUT = 124;
/** Exit code for "program not found", as a shell (and so an SSH runner) reports it. */
export const EXIT_NOT_FOUND = 127;

/** A runner whose commands see process.env plus `env` (plus each call's own env). */
export function createLocalRunner(env: Record<string, string> = {}): CommandRunner {
  return { exec: (argv, options) => execLocal(argv, env, options) };
}

function execLocal(
  argv: string[],
  baseEnv: Record<string, string>,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.reject(new Error('exec: empty argv'));
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...baseEnv, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    // A missing program is a result (127), not an exception: an SSH runner reports it the same way.
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const code = error.code === 'ENOENT' ? EXIT_NOT_FOUND : 126;
      resolve({ code, stdout, stderr: `${stderr}${program}: ${error.message}\n` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({
          code: EXIT_TIMED_OUT,
          stdout,
          stderr: `${stderr}${program}: timed out after ${options.timeoutMs} ms\n`,
        });
      } else {
        resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr });
      }
    });
    if (options.stdin !== undefined) {
      // The command may exit without reading its input; EPIPE then is not an error of ours.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.stdin);
    }
  });
}

// A CommandRunner for this machine with a base environment (podman's own, in tests): the process layer's
// contract, argv without a shell, a timeout or an abort killing the command's process group and rejecting.
import type { CommandRunner } from '../process/command-runner.ts';
import { runCommand } from '../process/run-command.ts';

/** A runner whose commands see process.env plus `env` (plus each call's own env). */
export function createLocalRunner(env: Record<string, string> = {}): CommandRunner {
  return { exec: (argv, options = {}) => runCommand(argv, { ...options, env: { ...env, ...options.env } }) };
}

// Runs one command through a runner and fails loudly on a non-zero exit.
import type { CommandRunner, ExecOptions, ExecResult } from './command-runner.ts';
import { CommandError } from './command-error.ts';

/** Runs argv and returns its result; throws CommandError unless it exited 0. */
export async function execChecked(
  runner: CommandRunner,
  argv: string[],
  options?: ExecOptions,
): Promise<ExecResult> {
  const result = await runner.exec(argv, options);
  if (result.code !== 0) throw new CommandError(argv, result);
  return result;
}

// A container's output as podman keeps it.
import type { CommandRunner } from '../process/command-runner.ts';
import { execChecked } from '../process/exec-checked.ts';

export interface LogsOptions {
  /** Only the last N lines. */
  tail?: number;
}

/** The container's log: its stdout, then its stderr (llama-server writes everything to stderr). */
export async function containerLogs(
  runner: CommandRunner,
  name: string,
  options: LogsOptions = {},
): Promise<string> {
  const argv = ['podman', 'logs'];
  if (options.tail !== undefined) argv.push('--tail', String(options.tail));
  argv.push(name);
  const { stdout, stderr } = await execChecked(runner, argv);
  return stdout + stderr;
}

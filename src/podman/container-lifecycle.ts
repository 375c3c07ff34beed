// Starting and removing a container through any CommandRunner.
import type { CommandRunner } from '../process/command-runner.ts';
import type { ContainerSpec } from './container-spec.ts';
import { CommandError } from '../process/command-error.ts';
import { isNoSuchObject } from './no-such-object.ts';
import { execChecked } from '../process/exec-checked.ts';
import { podmanRunArgs, type RunArgsOptions } from './run-args.ts';

/** Starts the container detached and returns its full id. */
export async function runContainer(
  runner: CommandRunner,
  spec: ContainerSpec,
  options: RunArgsOptions = {},
): Promise<string> {
  const { stdout } = await execChecked(runner, podmanRunArgs(spec, options));
  // The id is the last line: podman may print pull progress or warnings first.
  return stdout.trim().split('\n').at(-1) ?? '';
}

export interface RemoveOptions {
  /** Seconds to wait after SIGTERM before SIGKILL (podman's default is 10). */
  stopSeconds?: number;
}

/** `podman rm -f`: stops and removes the container; one that does not exist counts as removed. */
export async function removeContainer(
  runner: CommandRunner,
  name: string,
  options: RemoveOptions = {},
): Promise<void> {
  const argv = ['podman', 'rm', '--force'];
  if (options.stopSeconds !== undefined) argv.push('--time', String(options.stopSeconds));
  argv.push(name);
  const result = await runner.exec(argv);
  if (result.code !== 0 && !isNoSuchObject(result)) throw new CommandError(argv, result);
}

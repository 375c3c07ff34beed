// Podman's way of saying a container or image does not exist, told apart from a real failure.
import type { ExecResult } from '../process/command-runner.ts';

/** Whether podman said the container or image does not exist (podman 4 and 5 phrase it a few ways). */
export function isNoSuchObject(result: ExecResult): boolean {
  return /no such (container|object|image)|no container with name or ID|image not known/i.test(result.stderr);
}

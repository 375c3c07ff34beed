// A failed command (podman, tar, ...), carrying what it ran and what it said.
import type { ExecResult } from './command-runner.ts';

export class CommandError extends Error {
  readonly argv: string[];
  readonly code: number;
  readonly stderr: string;
  constructor(argv: string[], result: ExecResult) {
    const said = result.stderr.trim().split('\n').slice(-5).join('\n') || result.stdout.trim().slice(-500);
    // Only the command words: the rest may be long or hold values not meant for a log line.
    super(`${argv.slice(0, 2).join(' ')} exited ${result.code}: ${said}`);
    this.name = 'CommandError';
    this.argv = argv;
    this.code = result.code;
    this.stderr = result.stderr;
  }
}

/** Whether podman said the container or image does not exist (podman 4 and 5 phrase it a few ways). */
export function isNoSuchObject(result: ExecResult): boolean {
  return /no such (container|object|image)|no container with name or ID|image not known/i.test(result.stderr);
}

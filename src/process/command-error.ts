// A command that exited non-zero (podman, tar, ...), carrying what it ran and what it said.
import type { ExecResult } from './command-runner.ts';
import { describeCommand } from './describe-command.ts';

export class CommandError extends Error {
  readonly argv: string[];
  readonly code: number;
  readonly stderr: string;
  constructor(argv: string[], result: ExecResult) {
    const said = result.stderr.trim().split('\n').slice(-5).join('\n') || result.stdout.trim().slice(-500);
    super(`${describeCommand(argv)} exited ${result.code}: ${said}`);
    this.name = 'CommandError';
    this.argv = argv;
    this.code = result.code;
    this.stderr = result.stderr;
  }
}

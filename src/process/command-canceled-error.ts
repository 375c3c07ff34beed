// A command stopped, with its process group, because the caller's AbortSignal aborted.
import { describeCommand } from './describe-command.ts';

export class CommandCanceledError extends Error {
  /** The program and its first argument (the rest may hold secrets). */
  readonly command: string;
  readonly where: string;
  constructor(argv: readonly string[], where: string, reason?: unknown) {
    const command = describeCommand(argv);
    super(`${command}: canceled on ${where}`, { cause: reason });
    this.name = 'CommandCanceledError';
    this.command = command;
    this.where = where;
  }
}

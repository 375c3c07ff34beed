// A command that ran past its limit and was killed, with its process group, wherever it ran.
import { UserError } from '../util/errors.ts';
import { describeCommand } from './describe-command.ts';

export class CommandTimeoutError extends UserError {
  /** The program and its first argument (the rest may hold secrets). */
  readonly command: string;
  readonly timeoutMs: number;
  /** Where it ran: `local`, or the SSH destination. */
  readonly where: string;
  constructor(argv: readonly string[], timeoutMs: number, where: string) {
    const command = describeCommand(argv);
    super(`${command}: timed out after ${timeoutMs} ms on ${where}`);
    this.name = 'CommandTimeoutError';
    this.command = command;
    this.timeoutMs = timeoutMs;
    this.where = where;
  }
}

// An error leaving a session with its secrets masked and its class kept, so callers still tell a timeout
// (CommandTimeoutError) or an abort (CommandCanceledError) apart from other failures.
import { CommandCanceledError } from '../process/command-canceled-error.ts';
import { UserError } from '../util/errors.ts';
import type { Redactor } from './redact.ts';

/** The error to rethrow: a UserError or a canceled command keeps its class; anything else becomes a UserError. */
export function redactError(redactor: Redactor, error: unknown): Error {
  const message = redactor.redact(error instanceof Error ? error.message : String(error));
  if (error instanceof UserError || error instanceof CommandCanceledError) {
    error.message = message;
    if (error.stack !== undefined) error.stack = redactor.redact(error.stack);
    return error;
  }
  return new UserError(message);
}

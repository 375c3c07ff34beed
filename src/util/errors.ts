/** An error caused by the user's input or environment: printed without a stack, mapped to an exit code. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Exit code for a capability that has not landed yet. */
export const EXIT_NOT_IMPLEMENTED = 3;

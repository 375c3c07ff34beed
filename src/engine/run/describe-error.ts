/** An error as the run's log shows it: the message and the first frames of its stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack?.split('\n').slice(0, 4).join('\n') ?? error.message;
  return String(error);
}

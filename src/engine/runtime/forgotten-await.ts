/**
 * Tracks operations a correct script awaits (requests, streams, sleeps). If the iteration's function returns
 * while one is still running, the script forgot an `await`: on real k6 the call would have blocked, here it
 * would silently race the next iteration, so the iteration fails with a message naming the call.
 */
export class PendingOperations {
  private readonly pending = new Map<Promise<unknown>, string>();

  track<T>(operation: Promise<T>, what: string): Promise<T> {
    this.pending.set(operation, what);
    const settle = (): void => {
      this.pending.delete(operation);
    };
    operation.then(settle, settle);
    return operation;
  }

  /** The still-running operations' names, oldest first. */
  outstanding(): string[] {
    return [...this.pending.values()];
  }

  clear(): void {
    this.pending.clear();
  }
}

export class ForgottenAwaitError extends Error {
  constructor(operations: string[]) {
    const first = operations[0] ?? 'an operation';
    super(
      `forgotten await: ${first}${operations.length > 1 ? ` (and ${operations.length - 1} more)` : ''} was still ` +
        `running when the iteration ended; write \`await ${first}\` (k6 blocks on it, the embedded engine needs the await)`,
    );
    this.name = 'ForgottenAwaitError';
  }
}

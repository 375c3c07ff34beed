// The one cleanup path of a run: whatever step failed, what was opened is closed, newest first.

/** Collects what a run opens (the signal listener, the HTTP client, the JSON output, timers) to close it once. */
export class RunCleanup {
  private readonly closers: (() => unknown)[] = [];

  /** Registers a closer; closers run in reverse order, so the JSON output closes before the HTTP client. */
  defer(close: () => unknown): void {
    this.closers.push(close);
  }

  /** Runs every closer once, even after one fails; the first failure is rethrown at the end. */
  async close(): Promise<void> {
    let failure: { error: unknown } | undefined;
    for (let close = this.closers.pop(); close; close = this.closers.pop()) {
      try {
        await close();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

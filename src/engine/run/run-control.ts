// How a run stops early: the first abort (Ctrl-C, exec.test.abort(), a threshold) names the exit code and reason.
import { EXIT_INTERRUPTED, EXIT_SCRIPT_ABORTED } from '../exit-codes.ts';

/** The error a stopped run throws into the script and its hooks: never reported as the script's own error. */
export class ScriptAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptAbort';
  }
}

/** The run's stop switch, its exit code and reason once pulled, and a test.fail() by the script. */
export class RunControl {
  private readonly controller = new AbortController();
  private abortCode: number | undefined;
  private abortReason: string | undefined;
  private failure: string | undefined;

  /** Aborted once the run stops: the scheduler and setup() watch it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The exit code of the first abort, if any. */
  get code(): number | undefined {
    return this.abortCode;
  }

  /** Why the run ended early: the abort's reason, else the script's test.fail() message. */
  get reason(): string | undefined {
    return this.abortReason ?? this.failure;
  }

  /** True once the script called exec.test.fail(). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Stops the run; only the first call counts. */
  abort(code: number, reason: string): void {
    if (this.abortCode !== undefined) return;
    this.abortCode = code;
    this.abortReason = reason;
    this.controller.abort(new ScriptAbort(reason));
  }

  /** exec.test.abort(): stops the run and unwinds the calling script. */
  abortByScript(message?: string): never {
    this.abort(EXIT_SCRIPT_ABORTED, `test aborted by the script${message ? `: ${message}` : ''}`);
    throw new ScriptAbort(this.abortReason ?? 'aborted');
  }

  /** exec.test.fail(): the run goes on and exits 110. */
  failByScript(message?: string): void {
    this.failure = message ?? 'test.fail() called';
  }

  /** Interrupts the run when `signal` aborts, naming its `by` (the signal's name), until unwatch(). */
  watch(signal: AbortSignal | undefined): void {
    const onSignal = (): void => {
      const by: unknown = (signal?.reason as { by?: unknown } | undefined)?.by;
      this.abort(
        EXIT_INTERRUPTED,
        `interrupted (${typeof by === 'string' ? by : 'Ctrl-C'}): stopping, the summary follows`,
      );
    };
    // A signal that fired before the run began still stops it (an abort event is never sent twice).
    if (signal?.aborted) onSignal();
    else signal?.addEventListener('abort', onSignal, { once: true });
    this.unwatch = () => signal?.removeEventListener('abort', onSignal);
  }

  /** Stops listening to the caller's signal: an interrupt after the run's end changes nothing. */
  unwatch: () => void = () => undefined;
}

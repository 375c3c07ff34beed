// The one interrupt handler of a run: SIGINT and SIGTERM stop it from the first millisecond, named as what they
// were; a second signal while stopping ends the process at once.

export interface InterruptWatch {
  /** Aborted on the first signal; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** The signal that arrived (SIGINT, SIGTERM), if one did. */
  readonly by: string | undefined;
  /** Stops listening. */
  dispose(): void;
}

/** Thrown where a run stops early because of a signal, before anything was measured. */
export class Interrupted extends Error {
  readonly by: string;
  /** Requests that were in flight, unanswered, when it came (known once the load had started). */
  readonly inFlight: number | undefined;
  constructor(by: string, inFlight?: number) {
    super(`interrupted by ${by}`);
    this.name = 'Interrupted';
    this.by = by;
    this.inFlight = inFlight;
  }
}

const HOW: Record<string, string> = { SIGINT: 'Ctrl-C (SIGINT)', SIGTERM: 'SIGTERM' };

/** Listens for SIGINT and SIGTERM until disposed. */
export function watchInterrupts(log: (line: string) => void): InterruptWatch {
  const controller = new AbortController();
  let by: string | undefined;
  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    const handler = (): void => {
      if (controller.signal.aborted) {
        log(`\n${HOW[name]} again: stopping now, without waiting for the load to wind down`);
        process.kill(process.pid, 'SIGKILL');
        return;
      }
      by = name;
      log(`\ninterrupted by ${HOW[name]}: stopping the load, keeping what was measured`);
      controller.abort(new Interrupted(name));
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** Throws Interrupted when the signal has fired: called between the steps before the load starts. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof Interrupted ? reason : new Interrupted('an abort');
}

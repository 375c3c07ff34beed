// The client object an sse.open callback receives: `on(event, fn)` and `close()` (xk6-sse's Client).
import type { SseEvent } from './sse-line-parser.ts';

type Handler = (arg?: unknown) => unknown;

/** The Go error xk6-sse passes to 'error' handlers; scripts read it with `e.error()`. */
export class SseError {
  constructor(readonly message: string) {}

  error(): string {
    return this.message;
  }

  toString(): string {
    return this.message;
  }
}

/** What the stream does when the script calls client.close(). */
export interface SseCloser {
  closeByScript(): void;
}

/** Handlers registered by the script; they run synchronously, in registration order. */
export class SseClient {
  readonly #closer: SseCloser;
  #onOpen: Handler[] = [];
  #onEvent: Handler[] = [];
  #onError: Handler[] = [];
  readonly #others = new Map<string, Handler[]>();

  constructor(closer: SseCloser) {
    this.#closer = closer;
  }

  /** Registers `handler` for 'open', 'event' or 'error'; non-functions are ignored, as in xk6-sse. */
  on(event: string, handler: unknown): void {
    if (typeof handler !== 'function') return;
    const fn = handler as Handler;
    if (event === 'event') this.#onEvent = [...this.#onEvent, fn];
    else if (event === 'error') this.#onError = [...this.#onError, fn];
    else if (event === 'open') this.#onOpen = [...this.#onOpen, fn];
    else this.#others.set(event, [...(this.#others.get(event) ?? []), fn]); // kept, never fired, as xk6-sse
  }

  /** Ends the stream; open() then resolves with the response. */
  close(): void {
    this.#closer.closeByScript();
  }

  /** Runs the 'event' handlers; a throwing handler propagates to the caller. */
  fireEvent(event: SseEvent): void {
    const handlers = this.#onEvent;
    for (let i = 0; i < handlers.length; i++) (handlers[i] as Handler)(event);
  }

  fireOpen(): void {
    for (const handler of this.#onOpen) handler();
  }

  fireError(message: string): void {
    for (const handler of this.#onError) handler(new SseError(message));
  }
}

// addEventListener and on<type> handlers as browsers' EventTarget, each call run on the VU's event loop.

type Listener = (event: Record<string, unknown>) => unknown;

/** The event side of k6's WebSocket: `addEventListener(type, fn)` and `on<type> = fn`. */
export class EventListeners {
  private readonly listeners = new Map<string, Listener[]>();
  onopen: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onclose: Listener | null = null;
  onping: Listener | null = null;
  onpong: Listener | null = null;

  constructor(private readonly run: (callback: () => unknown) => void) {}

  /** Adds a listener for open, message, error, close, ping or pong. */
  addEventListener(type: string, listener: unknown): void {
    if (typeof listener !== 'function') return;
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener);
    this.listeners.set(type, list);
  }

  /** Removes a listener added with addEventListener. */
  removeEventListener(type: string, listener: unknown): void {
    const list = this.listeners.get(type) ?? [];
    this.listeners.set(
      type,
      list.filter((l) => l !== listener),
    );
  }

  /** Calls `on<type>`, then each listener, with an event carrying `type`, `target` and a timestamp. */
  protected dispatch(type: string, fields: Record<string, unknown>): void {
    const event = { type, target: this, timestamp: Date.now(), ...fields };
    const own = (this as unknown as Record<string, unknown>)[`on${type}`];
    const handlers = [
      ...(typeof own === 'function' ? [own as Listener] : []),
      ...(this.listeners.get(type) ?? []),
    ];
    for (const handler of handlers) this.run(() => handler.call(this, event));
  }
}

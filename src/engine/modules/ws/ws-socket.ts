// The socket k6/ws hands the connect callback: handlers, send, ping, its own timers, close.
import type WebSocket from 'ws';
import { toArrayBuffer } from '../to-bytes.ts';
import type { WsSamples } from './ws-samples.ts';

type Handler = (...args: unknown[]) => unknown;

/** A Go error as k6 passes it to `error` handlers: `e.error()` returns its text. */
export function goError(message: string): { error(): string; toString(): string } {
  return { error: () => message, toString: () => message };
}

/**
 * One session's socket. Every callback runs through `dispatch`, which ends the session when a callback throws
 * (k6 rethrows from ws.connect). `close` fires the close handlers once, as ws.go closeConnection.
 */
export class WsSocket {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pings = new Map<string, number>();
  private pingCounter = 0;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly samples: WsSamples,
    private readonly dispatch: (callback: () => unknown) => unknown,
    private readonly onClosed: () => void,
  ) {
    ws.on('message', (data, isBinary) => {
      samples.received();
      const bytes = Buffer.isBuffer(data)
        ? data
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      if (isBinary) this.emit('binaryMessage', toArrayBuffer(bytes));
      else this.emit('message', bytes.toString('utf8'));
    });
    // The ws package answers pings itself, as gorilla's handler does in ws.go.
    ws.on('ping', () => this.emit('ping'));
    ws.on('pong', (data) => {
      const sentAt = this.pings.get(data.toString());
      if (sentAt !== undefined) samples.ping(performance.now() - sentAt);
      this.emit('pong');
    });
    ws.on('error', (error) => this.emit('error', goError(error.message)));
    ws.on('close', (code) => {
      // gorilla reports a close frame's code, a dropped connection as 1001, and other codes as errors too.
      if (![1000, 1001, 1005, 1006].includes(code)) this.emit('error', goError(`websocket: close ${code}`));
      this.close(code === 1006 ? 1001 : code);
    });
  }

  /** Adds a handler for open, message, binaryMessage, ping, pong, close or error. */
  on(event: string, handler: unknown): void {
    if (typeof handler !== 'function') return;
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler);
    this.handlers.set(event, list);
  }

  /** Sends a text message; ws_msgs_sent counts it even when the write fails, as in k6. */
  send(message: unknown): void {
    this.write(String(message));
  }

  /** Sends an ArrayBuffer as a binary message. */
  sendBinary(message: unknown): void {
    if (!(message instanceof ArrayBuffer)) {
      const type =
        message === null || message === undefined ? String(message) : (message as object).constructor.name;
      throw new Error(`expected ArrayBuffer as argument, received: ${type}`);
    }
    this.write(Buffer.from(message));
  }

  /** Sends a ping; its pong gives a ws_ping sample. */
  ping(): void {
    const id = String(this.pingCounter++);
    this.pings.set(id, performance.now());
    this.ws.ping(id, undefined, (error) => {
      if (error) this.emit('error', goError(error.message));
    });
  }

  /** Runs `fn` once after `ms` (> 0) within the session. */
  setTimeout(fn: unknown, ms: number): void {
    this.schedule(fn, ms, false);
  }

  /** Runs `fn` every `ms` (> 0) until the session ends. */
  setInterval(fn: unknown, ms: number): void {
    this.schedule(fn, ms, true);
  }

  /** Closes with `code` (1001 going away by default) and fires the close handlers. */
  close(code?: number): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closeCode = code === undefined ? 1001 : Math.trunc(Number(code));
    try {
      if (this.ws.readyState === this.ws.OPEN) this.ws.close(closeCode);
    } catch (error) {
      this.emit('error', goError(error instanceof Error ? error.message : String(error)));
    }
    // k6 drops the TCP connection right after its close frame; give the frame a moment to leave.
    setTimeout(() => this.ws.terminate(), 1000).unref();
    this.emit('close', closeCode);
    this.onClosed();
  }

  /** Fires the handlers of `event` (the connect call fires `open`). */
  emit(event: string, ...args: unknown[]): void {
    // Once closed, k6's loop has ended: frames still arriving reach no handler.
    if (this.closed && event !== 'close' && event !== 'error') return;
    for (const handler of this.handlers.get(event) ?? []) this.dispatch(() => handler(...args));
  }

  private write(data: string | Buffer): void {
    this.ws.send(data, (error) => {
      if (error) this.emit('error', goError(error.message));
    });
    this.samples.sent();
  }

  private schedule(fn: unknown, ms: number, repeat: boolean): void {
    const name = repeat ? 'setInterval' : 'setTimeout';
    if (!(Number(ms) > 0))
      throw new Error(`${name} requires a >0 timeout parameter, received ${Number(ms).toFixed(2)}`);
    if (typeof fn !== 'function') throw new Error(`${name}: the first argument must be a function`);
    if (this.closed) return;
    const run = (): void => {
      this.dispatch(() => (fn as Handler)());
    };
    const timer = repeat
      ? setInterval(run, ms)
      : setTimeout(() => {
          this.timers.delete(timer);
          run();
        }, ms);
    this.timers.add(timer);
  }
}

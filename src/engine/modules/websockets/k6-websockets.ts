// `k6/websockets` (and k6/experimental/websockets): the browser-like WebSocket class on the VU's event loop.
import type WebSocketClient from 'ws';
import type { VuContext } from '../../runtime/vu-context.ts';
import { eventLoopOf } from '../timers/event-loop.ts';
import { DialError, type DialedWebSocket, dialWebSocket } from '../ws/dial-websocket.ts';
import { parseConnectArgs } from '../ws/ws-connect-args.ts';
import { WsSamples, sessionTags } from '../ws/ws-samples.ts';
import { EventListeners } from './event-listeners.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** One VU's WebSocket class: each open socket keeps the iteration alive until it closes, as in k6. */
export function createWebSocketsModule(ctx: VuContext, userAgent: () => string): Record<string, unknown> {
  const loop = eventLoopOf(ctx);

  class WebSocket extends EventListeners {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly url: string;
    readyState = CONNECTING;
    binaryType: 'blob' | 'arraybuffer' = 'blob';
    protocol = '';
    private socket: WebSocketClient | undefined;
    private samples: WsSamples | undefined;
    private readonly pings: number[] = [];
    private closeCode: [number, string] = [1000, ''];

    constructor(url: unknown, protocols?: unknown, params?: unknown) {
      super((callback) => loop.run(callback));
      if (ctx.isInit()) throw new Error('using websockets in the init context is not supported');
      this.url = String(url);
      const args = parseConnectArgs([params ?? null, () => undefined], userAgent());
      const list = protocols === undefined || protocols === null ? [] : [protocols].flat().map(String);
      const release = loop.hold(() => this.socket?.terminate());
      const started = performance.now();
      dialWebSocket(this.url, {
        headers: args.headers,
        protocols: list,
        compression: args.compression,
        signal: ctx.signal(),
      }).then(
        (dialed) => this.opened(dialed, args.tags, started, release),
        (error: unknown) => this.failed(error, args.tags, release),
      );
    }

    /** Sends a string, an ArrayBuffer, a typed array or a Blob. */
    send(data: unknown): void {
      if (this.readyState !== OPEN || !this.socket)
        throw new Error('InvalidStateError: the socket is not open');
      const socket = this.socket;
      const write = (payload: string | Buffer): void => {
        socket.send(payload);
        this.samples?.sent();
      };
      if (typeof data === 'string') write(data);
      else if (data instanceof ArrayBuffer) write(Buffer.from(data));
      else if (ArrayBuffer.isView(data)) write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      else if (data instanceof Blob) void data.arrayBuffer().then((bytes) => write(Buffer.from(bytes)));
      else write(String(data));
    }

    /** Sends a ping; the pong gives a ws_ping sample and a `pong` event. */
    ping(): void {
      if (this.readyState !== OPEN || !this.socket) return;
      this.pings.push(performance.now());
      this.socket.ping();
    }

    /** Starts the closing handshake (1000 by default). */
    close(code?: number, reason?: string): void {
      if (this.readyState >= CLOSING) return;
      this.readyState = CLOSING;
      this.closeCode = [code ?? 1000, reason ?? ''];
      // Still connecting: the handshake's end closes it (see opened).
      this.socket?.close(code ?? 1000, reason ?? '');
    }

    private opened(
      dialed: DialedWebSocket,
      tags: Record<string, string>,
      started: number,
      release: () => void,
    ) {
      const { ws, response } = dialed;
      this.socket = ws;
      this.protocol = ws.protocol;
      const samples = new WsSamples(ctx, sessionTags(ctx, this.url, response, tags));
      this.samples = samples;
      samples.connected(dialed.startedAt, dialed.connectingMs);
      const closedEarly = this.readyState === CLOSING;
      if (!closedEarly) this.readyState = OPEN;
      ws.on('message', (data, isBinary) => {
        samples.received();
        const bytes = Buffer.isBuffer(data) ? data : Buffer.concat([data].flat() as Buffer[]);
        const payload = !isBinary
          ? bytes.toString('utf8')
          : this.binaryType === 'arraybuffer'
            ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
            : new Blob([bytes]);
        this.dispatch('message', { data: payload, origin: this.url });
      });
      ws.on('ping', () => this.dispatch('ping', {}));
      ws.on('pong', () => {
        const sentAt = this.pings.shift();
        if (sentAt !== undefined) samples.ping(performance.now() - sentAt);
        this.dispatch('pong', {});
      });
      ws.on('error', (error) => this.dispatch('error', { error: error.message, message: error.message }));
      ws.on('close', (code, reason) => {
        this.readyState = CLOSED;
        samples.ended(dialed.startedAt, performance.now() - started, dialed.traffic());
        this.dispatch('close', { code, reason: reason.toString(), wasClean: code !== 1006 });
        release();
      });
      if (closedEarly) ws.close(...this.closeCode);
      else this.dispatch('open', {});
    }

    private failed(error: unknown, tags: Record<string, string>, release: () => void): void {
      this.readyState = CLOSED;
      if (error instanceof DialError) {
        const samples = new WsSamples(ctx, sessionTags(ctx, this.url, error.response, tags));
        samples.connected(error.startedAt, error.connectingMs);
      }
      const message = error instanceof Error ? error.message : String(error);
      this.dispatch('error', { error: message, message });
      this.dispatch('close', { code: 1006, reason: '', wasClean: false });
      release();
    }
  }

  const api = { WebSocket, Blob };
  return { ...api, default: api };
}

// One sse.open() call: its own connection, the request written in one go as soon as it connects, and the
// response read by a small HTTP/1.1 reader whose body feeds the SSE parser; runs the script's handlers
// synchronously per event, emits xk6-sse's samples and settles open()'s promise. No HTTP client library:
// undici's (and node:http's) per-request machinery costs more than a loopback round trip, and all of it
// lands in the TTFT a script measures.
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import type { VuContext } from '../../runtime/vu-context.ts';
import { epochNow, monotonicNow, toEpochMs } from '../http/clock.ts';
import type { Cancelable, CancelScope } from '../http/iteration-signal.ts';
import type { SharedHttp } from '../http/shared-http.ts';
import {
  CONTEXT_CANCELED,
  type ConnectionEnds,
  DEADLINE_EXCEEDED,
  goHostPort,
  goReason,
  goRequestError,
} from './go-error-text.ts';
import { HttpResponseReader, type HttpResponseSink } from './http-response-reader.ts';
import { type SseCloser, SseClient } from './sse-client.ts';
import { type SseEvent, SseLineParser, type SseSink } from './sse-line-parser.ts';
import type { SseOpenArgs } from './sse-params.ts';
import { emitEndSamples, emitHeadersSample } from './sse-samples.ts';
import { type PreparedRequest, prepareSseRequest } from './sse-wire.ts';

/** What sse.open resolves to (xk6-sse HTTPResponse). */
export interface SseResponse {
  url: string;
  status: number;
  headers: Record<string, string> | null;
  error: string;
}

export interface StreamSettlers {
  resolve(response: SseResponse): void;
  reject(error: unknown): void;
}

export class SseStream implements HttpResponseSink, SseSink, SseCloser, Cancelable {
  stopped = false;
  readonly #ctx: VuContext;
  readonly #args: SseOpenArgs;
  readonly #settlers: StreamSettlers;
  readonly #scope: CancelScope;
  readonly #client = new SseClient(this);
  readonly #parser = new SseLineParser(this);
  #tags: Readonly<Record<string, string>>;
  #startedAt = 0;
  #sendingMs = -1;
  #status = 0;
  #headers: Record<string, string> | null = null;
  #socket: Socket | null = null;
  /** Known once connected, for Go's `read tcp a->b: ...` error texts. */
  #ends: ConnectionEnds | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(scope: CancelScope, args: SseOpenArgs, settlers: StreamSettlers) {
    this.#scope = scope;
    this.#ctx = scope.ctx;
    this.#args = args;
    this.#settlers = settlers;
    const tags = Object.assign({}, scope.ctx.tags(), { group: scope.ctx.groupPath() }, args.tags);
    tags.url = args.url;
    this.#tags = tags;
  }

  /** Sends the request on a fresh connection (xk6-sse uses a new transport per stream). */
  start(shared: SharedHttp): void {
    this.#scope.inflight.add(this);
    this.#startedAt = monotonicNow();
    if (this.#args.timeoutMs > 0) this.#timer = setTimeout(fireTimeout, this.#args.timeoutMs, this);
    let request: PreparedRequest;
    try {
      request = prepareSseRequest(this.#args);
    } catch (err) {
      this.#failOpen(err instanceof Error ? err.message : String(err));
      return;
    }
    const reader = new HttpResponseReader(this, this.#args.method);
    const socket = connect(shared, request.connect);
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('end', () => reader.end());
    socket.once('connect', () => (this.#ends = connectionEnds(socket)));
    socket.on('error', (err: Error) => this.#onSocketError(reader, err));
    socket.on('close', () => this.#onSocketClose(reader));
    socket.write(request.bytes); // held by the socket while it connects, then sent in a single write
  }

  onResponseHead(status: number, headers: Record<string, string>): void {
    if (this.stopped) return;
    this.#sendingMs = monotonicNow() - this.#startedAt;
    this.#status = status;
    this.#headers = headers;
    this.#tags = { ...this.#tags, status: String(status) };
    emitHeadersSample(this.#ctx, this.#tags, toEpochMs(this.#startedAt), this.#sendingMs);
    try {
      this.#args.setup(this.#client);
      this.#client.fireOpen(); // xk6-sse fires 'open' even when the callback already closed the client
    } catch (err) {
      this.#failFromScript(err);
    }
  }

  onResponseBody(chunk: Buffer): void {
    if (!this.stopped) this.#parser.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.stopped) this.#finish('');
  }

  onResponseFailure(reason: string): void {
    if (this.stopped) return;
    if (this.#sendingMs < 0) this.#failOpen(goRequestError(this.#args.method, this.#args.url, reason));
    else this.#failStream(reason);
  }

  // Dial, TLS and read failures in Go's wording, as the transport (head) or the body reader reports them.
  #onSocketError(reader: HttpResponseReader, err: Error): void {
    if (!this.stopped) this.onResponseFailure(reader.readFailureReason(goReason(err, this.#ends)));
  }

  // Closed with neither an end nor an error: destroyed under the stream (the run's HTTP state shut down).
  #onSocketClose(reader: HttpResponseReader): void {
    if (!this.stopped) this.onResponseFailure(reader.cutShortReason());
  }

  onSseEvent(event: SseEvent): void {
    this.#ctx.emit({ metric: 'sse_event', time: epochNow(), value: 1, tags: this.#tags });
    try {
      this.#client.fireEvent(event);
    } catch (err) {
      this.#failFromScript(err);
    }
  }

  onSseError(message: string): void {
    try {
      this.#client.fireError(message);
    } catch (err) {
      this.#failFromScript(err);
    }
  }

  closeByScript(): void {
    if (!this.stopped) this.#finish('');
  }

  /** Hard stop of the iteration: settle at once; xk6-sse's closing samples are dropped as k6 drops them. */
  cancel(): void {
    if (this.stopped) return;
    this.#stop();
    this.#settlers.resolve(this.#response(CONTEXT_CANCELED));
  }

  timeOut(): void {
    this.#timer = null;
    if (this.stopped) return;
    if (this.#sendingMs < 0)
      this.#failOpen(goRequestError(this.#args.method, this.#args.url, DEADLINE_EXCEEDED));
    else this.#failStream(DEADLINE_EXCEEDED);
  }

  // Before the response: xk6-sse still pushes its samples and returns {error} (or throws with `throw`).
  #failOpen(message: string): void {
    this.#stop();
    this.#sendingMs = monotonicNow() - this.#startedAt;
    emitHeadersSample(this.#ctx, this.#tags, toEpochMs(this.#startedAt), this.#sendingMs);
    this.#emitEnd();
    if (this.#ctx.options.throw === true) this.#settlers.reject(new Error(message));
    else this.#settlers.resolve({ url: '', status: 0, headers: null, error: message });
  }

  // Mid-stream read errors go to the 'error' handlers, then open() resolves carrying the message.
  #failStream(message: string): void {
    try {
      this.#client.fireError(message);
    } catch (err) {
      this.#failFromScript(err);
      return;
    }
    this.#finish(message);
  }

  // A handler (or the open callback) threw: xk6-sse rethrows it from sse.open.
  #failFromScript(err: unknown): void {
    if (this.stopped) return;
    this.#stop();
    this.#emitEnd();
    this.#settlers.reject(err);
  }

  #finish(error: string): void {
    this.#stop();
    this.#emitEnd();
    this.#settlers.resolve(this.#response(error));
  }

  #stop(): void {
    this.stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#scope.inflight.delete(this);
    this.#socket?.destroy(); // the connection is the stream's alone, as xk6-sse's transport is
  }

  #emitEnd(): void {
    const now = monotonicNow();
    emitEndSamples(this.#ctx, this.#tags, toEpochMs(now), this.#sendingMs, now - this.#startedAt);
  }

  #response(error: string): SseResponse {
    return { url: this.#args.url, status: this.#status, headers: this.#headers, error };
  }
}

function fireTimeout(stream: SseStream): void {
  stream.timeOut();
}

/** The stream's own connection, tracked until it closes. */
function connect(shared: SharedHttp, options: buildConnector.Options): Socket {
  const socket = shared.sseConnect(options, ignoreConnectResult); // the stream follows the socket's events
  shared.sseSockets.add(socket);
  socket.once('close', () => shared.sseSockets.delete(socket));
  return socket;
}

function ignoreConnectResult(): void {}

function connectionEnds(socket: Socket): ConnectionEnds | null {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (localAddress === undefined || remoteAddress === undefined) return null;
  return { local: goHostPort(localAddress, localPort), remote: goHostPort(remoteAddress, remotePort) };
}

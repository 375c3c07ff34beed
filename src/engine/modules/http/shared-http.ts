// One per run: the connection pool every VU's k6/http shares, k6/x/sse's dialer, and the per-URL parse cache.
import type { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { MAX_RESPONSE_HEADER_BYTES } from './error-codes.ts';
import { createTimedConnector } from './timed-connector.ts';
import { TargetCache } from './target-url.ts';
import { releaseWireTrace, retainWireTrace } from './wire-trace.ts';

/** Run-wide HTTP settings (k6 options userAgent, maxRedirects, batch, batchPerHost, insecureSkipTLSVerify). */
export interface SharedHttpOptions {
  readonly userAgent?: string;
  readonly maxRedirects?: number;
  readonly batch?: number;
  readonly batchPerHost?: number;
  readonly insecureSkipTLSVerify?: boolean;
  /** Dial timeout; k6's dialer uses 30 s. */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens a TCP (or, for https:, TLS) connection and returns its socket at once, still connecting: undici's
 * connector, so the connect timeout, TLS verification and session cache are k6/http's. Failures arrive as
 * the socket's 'error' event (and through `callback`).
 */
export type SocketConnector = (options: buildConnector.Options, callback: buildConnector.Callback) => Socket;

/** What module instances share. */
export interface SharedHttp {
  /** Keep-alive pool for k6/http. */
  readonly agent: Dispatcher;
  /** Dialer for k6/x/sse: xk6-sse opens a new connection per stream, so there is no pool. */
  readonly sseConnect: SocketConnector;
  /** k6/x/sse connections in use; close() destroys them. */
  readonly sseSockets: Set<Socket>;
  readonly targets: TargetCache;
  readonly userAgent: string;
  readonly maxRedirects: number;
  readonly batch: number;
  readonly batchPerHost: number;
  /** Destroys the pool and the SSE connections (in-flight requests fail); releases the diagnostics subscriptions. */
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'inferload/0.1.0 (k6-compatible; https://k6.io/)';

/** Creates the pools; call close() once the run is over. */
export function createSharedHttp(options: SharedHttpOptions = {}): SharedHttp {
  const connectOptions = {
    timeout: options.connectTimeoutMs ?? 30_000,
    rejectUnauthorized: options.insecureSkipTLSVerify !== true,
  };
  const connect = createTimedConnector(connectOptions);
  // k6 applies its own per-request timeout, so undici's header/body timers are off; heads up to Go's limit.
  const agent = new Agent({
    connect,
    headersTimeout: 0,
    bodyTimeout: 0,
    pipelining: 1,
    allowH2: false,
    maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
  });
  // undici's typings say a connector returns void; at run time it returns the socket it creates.
  const sseConnect = buildConnector(connectOptions) as unknown as SocketConnector;
  const sseSockets = new Set<Socket>();
  retainWireTrace();
  let closed = false;
  return {
    agent,
    sseConnect,
    sseSockets,
    targets: new TargetCache(),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    maxRedirects: options.maxRedirects ?? 10,
    batch: options.batch ?? 20,
    batchPerHost: options.batchPerHost ?? 6,
    async close() {
      if (closed) return;
      closed = true;
      releaseWireTrace();
      for (const socket of sseSockets) socket.destroy();
      sseSockets.clear();
      await agent.destroy();
    },
  };
}

// One per run: the connection pool every VU's k6/http shares, k6/x/sse's dialer, and the per-URL parse cache.
import type { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { MAX_RESPONSE_HEADER_BYTES } from './error-codes.ts';
import { type Connector, type HostOverrides, createRunConnector } from './run-connector.ts';
import { createTimedConnector } from './timed-connector.ts';
import { TargetCache } from './target-url.ts';
import { type TlsSettings, toConnectOptions } from './tls-options.ts';
import { releaseWireTrace, retainWireTrace } from './wire-trace.ts';

/** Run-wide HTTP settings from k6's options (userAgent, maxRedirects, batch, TLS, hosts, ...). */
export interface SharedHttpOptions extends TlsSettings {
  readonly userAgent?: string;
  readonly maxRedirects?: number;
  readonly batch?: number;
  readonly batchPerHost?: number;
  readonly hosts?: HostOverrides;
  /** k6's noConnectionReuse: every request on a new connection. */
  readonly noConnectionReuse?: boolean;
  /** k6's noCookiesReset: the VU's cookie jar is kept across its iterations. */
  readonly noCookiesReset?: boolean;
  /** Dial timeout; k6's dialer uses 30 s. */
  readonly connectTimeoutMs?: number;
  /** Where the engine's own warnings go (a redirect chain cut at the default limit). */
  readonly warn?: (message: string) => void;
}

/**
 * Opens a TCP (or, for https:, TLS) connection and returns its socket at once, still connecting: undici's
 * connector, so the connect timeout, TLS verification and session cache are k6/http's. Failures arrive as
 * the socket's 'error' event (and through `callback`).
 */
export type SocketConnector = Connector;

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
  /** False under k6's default of 10: cutting a chain there logs a warning. */
  readonly maxRedirectsSet: boolean;
  readonly batch: number;
  readonly batchPerHost: number;
  readonly noConnectionReuse: boolean;
  readonly noCookiesReset: boolean;
  warn(message: string): void;
  /** Destroys the pool and the SSE connections (in-flight requests fail); releases the diagnostics subscriptions. */
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'inferload/0.1.0 (k6-compatible; https://k6.io/)';

/** Creates the pools; call close() once the run is over. */
export function createSharedHttp(options: SharedHttpOptions = {}): SharedHttp {
  const connectOptions: buildConnector.BuildOptions = {
    timeout: options.connectTimeoutMs ?? 30_000,
    ...toConnectOptions(options),
  };
  const certificates = options.clientCertificates;
  const connect = createRunConnector(
    connectOptions,
    (built) => createTimedConnector(built) as unknown as Connector,
    options.hosts,
    certificates,
  );
  // k6 applies its own per-request timeout, so undici's header/body timers are off; heads up to Go's limit.
  const agent = new Agent({
    connect: connect as unknown as buildConnector.connector,
    headersTimeout: 0,
    bodyTimeout: 0,
    pipelining: 1,
    allowH2: false,
    maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
  });
  const sseConnect = createRunConnector(
    connectOptions,
    (built) => buildConnector(built) as unknown as Connector,
    options.hosts,
    certificates,
  );
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
    maxRedirectsSet: options.maxRedirects !== undefined,
    batch: options.batch ?? 20,
    batchPerHost: options.batchPerHost ?? 6,
    noConnectionReuse: options.noConnectionReuse === true,
    noCookiesReset: options.noCookiesReset === true,
    warn: options.warn ?? (() => undefined),
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

/**
 * A SharedHttp made on first use of any of its fields, from the options `settings()` gives then: module
 * instances are created during init, before the script's options are known; requests only run after.
 */
export function createLazySharedHttp(settings: () => SharedHttpOptions): SharedHttp {
  let made: SharedHttp | undefined;
  const get = (): SharedHttp => (made ??= createSharedHttp(settings()));
  return {
    get agent() {
      return get().agent;
    },
    get sseConnect() {
      return get().sseConnect;
    },
    get sseSockets() {
      return get().sseSockets;
    },
    get targets() {
      return get().targets;
    },
    get userAgent() {
      return get().userAgent;
    },
    get maxRedirects() {
      return get().maxRedirects;
    },
    get maxRedirectsSet() {
      return get().maxRedirectsSet;
    },
    get batch() {
      return get().batch;
    },
    get batchPerHost() {
      return get().batchPerHost;
    },
    get noConnectionReuse() {
      return get().noConnectionReuse;
    },
    get noCookiesReset() {
      return get().noCookiesReset;
    },
    warn: (message) => get().warn(message),
    close: async () => {
      await made?.close();
    },
  };
}

// One per run: the connection pools every VU's k6/http and k6/x/sse share, and the per-URL parse cache.
import { Agent, type Dispatcher } from 'undici';
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

/** What module instances share. */
export interface SharedHttp {
  /** Keep-alive pool for k6/http. */
  readonly agent: Dispatcher;
  /** Pool for k6/x/sse: xk6-sse opens a new connection per stream, so these are never reused. */
  readonly sseAgent: Dispatcher;
  readonly targets: TargetCache;
  readonly userAgent: string;
  readonly maxRedirects: number;
  readonly batch: number;
  readonly batchPerHost: number;
  /** Destroys both pools (in-flight requests fail) and releases the diagnostics subscriptions. */
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'inferload/0.1.0 (k6-compatible; https://k6.io/)';

/** Creates the pools; call close() once the run is over. */
export function createSharedHttp(options: SharedHttpOptions = {}): SharedHttp {
  const connect = createTimedConnector({
    timeout: options.connectTimeoutMs ?? 30_000,
    rejectUnauthorized: options.insecureSkipTLSVerify !== true,
  });
  // k6 applies its own per-request timeout, so undici's header/body timers are off.
  const agentOptions = { connect, headersTimeout: 0, bodyTimeout: 0, pipelining: 1, allowH2: false };
  const agent = new Agent(agentOptions);
  const sseAgent = new Agent(agentOptions);
  retainWireTrace();
  let closed = false;
  return {
    agent,
    sseAgent,
    targets: new TargetCache(),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    maxRedirects: options.maxRedirects ?? 10,
    batch: options.batch ?? 20,
    batchPerHost: options.batchPerHost ?? 6,
    async close() {
      if (closed) return;
      closed = true;
      releaseWireTrace();
      await Promise.all([agent.destroy(), sseAgent.destroy()]);
    },
  };
}

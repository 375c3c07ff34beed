// sse.open(url, params?, callback) arguments (xk6-sse sse.go parseConnectArgs).
import { parseDuration } from '../../duration.ts';
import { canonicalHeaderKey } from '../http/header-keys.ts';

/** Parsed arguments of sse.open. */
export interface SseOpenArgs {
  readonly url: string;
  readonly method: string;
  readonly body: string;
  /** Canonical names; Accept: text/event-stream first, so params.headers can override it. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>> | null;
  /** 0 = no timeout. */
  readonly timeoutMs: number;
  readonly setup: (client: unknown) => unknown;
}

/** Throws xk6-sse's errors for a wrong argument count, a missing callback or a bad timeout. */
export function parseOpenArgs(url: unknown, args: readonly unknown[], userAgent: string): SseOpenArgs {
  if (args.length !== 1 && args.length !== 2) throw new Error('invalid number of arguments to sse.open');
  const setup = args[args.length - 1];
  if (typeof setup !== 'function') throw new Error('last argument to sse.open must be a function');
  const params = args.length === 2 ? args[0] : undefined;
  const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: 'text/event-stream' };
  const parsed = {
    url: String(url),
    method: 'GET',
    body: '',
    headers,
    tags: null as Record<string, string> | null,
    timeoutMs: 0,
    setup: setup as (client: unknown) => unknown,
  };
  if (params === undefined || params === null || typeof params !== 'object') return parsed;
  const p = params as Record<string, unknown>;
  if (typeof p.headers === 'object' && p.headers !== null) {
    for (const [key, value] of Object.entries(p.headers)) headers[canonicalHeaderKey(key)] = String(value);
  }
  if (typeof p.tags === 'object' && p.tags !== null) {
    parsed.tags = Object.fromEntries(Object.entries(p.tags).map(([key, value]) => [key, String(value)]));
  }
  if (p.method !== undefined) parsed.method = String(p.method).trim() || 'GET';
  if (p.body !== undefined) parsed.body = String(p.body).trim();
  if (p.timeout !== undefined && p.timeout !== null) parsed.timeoutMs = parseTimeout(p.timeout);
  return parsed;
}

// Go durations ("30s"); a number is taken as milliseconds, which xk6-sse would reject. <= 0 means none.
function parseTimeout(value: unknown): number {
  try {
    return Math.max(0, parseDuration(typeof value === 'number' ? value : String(value)));
  } catch (err) {
    throw new Error(`invalid sse.open() timeout: ${err instanceof Error ? err.message : String(err)}`);
  }
}

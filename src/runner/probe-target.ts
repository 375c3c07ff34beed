// Checks the target before any load: an unreachable or unready server is one clear error with the fix that fits
// its cause, not minutes of failures. undici's request, not fetch: fetch refuses the "bad ports" of browsers
// (6000, 6665-6669, ...), where a self-hosted server may well listen. Its limit on a response head is the
// engine's (and k6's), so the probe refuses no target the load would accept.
import { MAX_RESPONSE_HEADER_BYTES } from '../engine/modules/http/error-codes.ts';
import { httpGet } from '../util/http-get.ts';
import { describeTransportError } from '../util/transport-error.ts';
import { UserError } from '../util/errors.ts';

/** Where each API answers a cheap GET that proves the server is there and ready. */
const PROBE_PATHS: Record<string, string[]> = {
  openai: ['/health', '/v1/models'],
  llamacpp: ['/health'],
  ollama: ['/api/version', '/api/tags'],
};

interface ProbeFailure {
  /** What happened, as the user sees it. */
  what: string;
  /** The fix that fits what happened. */
  fix: string;
  /** Another path cannot do better (nothing listens, TLS mismatch, ...). */
  final: boolean;
}

/** The cause of a failed probe, and the fix that fits it. */
export function adviseProbeFailure(error: unknown, url: URL, timeoutMs: number): ProbeFailure {
  const { kind, code, message } = describeTransportError(error);
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  switch (kind) {
    case 'connect_refused':
      return {
        what: `nothing listens at ${where} (connection refused)`,
        fix: "start the server (or 'inferload local start'), or check the port in TARGET",
        final: true,
      };
    case 'dns':
      return {
        what: `host '${url.hostname}' does not resolve (${code})`,
        fix: 'check the host in TARGET',
        final: true,
      };
    case 'header_overflow':
      return {
        what: `the server's response headers exceed ${MAX_RESPONSE_HEADER_BYTES / 1024 / 1024} MiB`,
        fix: 'this is not an LLM server, or a proxy in front of it adds oversized headers',
        final: true,
      };
    case 'timeout':
      return {
        what: `no answer within ${timeoutMs / 1000} s (${code})`,
        fix: 'the server accepts connections but does not respond: it is hung or overloaded; restart it',
        final: true,
      };
    case 'tls': {
      const plain =
        url.protocol === 'https:' && /wrong version number|packet length|EPROTO/i.test(`${code} ${message}`);
      return {
        what: `TLS failed at ${where}: ${message}`,
        fix: plain
          ? 'the server speaks plain HTTP there: use http:// in TARGET'
          : "the server's certificate is not trusted here (NODE_EXTRA_CA_CERTS names a CA file)",
        final: true,
      };
    }
    case 'malformed':
      return {
        what: `the answer at ${where} is not HTTP (${message})`,
        fix:
          url.protocol === 'http:'
            ? 'a TLS port? use https:// in TARGET; else check the port'
            : 'check the port in TARGET',
        final: true,
      };
    case 'reset':
      return {
        what: `the server at ${where} closed the connection without answering (${code || message})`,
        fix:
          url.protocol === 'http:'
            ? 'a TLS port? use https:// in TARGET; else check the server log'
            : 'check the server log',
        final: true,
      };
    default:
      return {
        what: `${code ? `${code}: ` : ''}${message}`,
        fix: 'check TARGET and that the server is up',
        final: true,
      };
  }
}

function statusFailure(status: number, path: string, api: string): ProbeFailure {
  if (status === 503)
    return {
      what: 'HTTP 503 (still loading?)',
      fix: 'wait until the model has loaded, then try again',
      final: true,
    };
  if (status === 401 || status === 403)
    return {
      what: `HTTP ${status}`,
      fix: 'the server wants credentials, which inferload does not send yet',
      final: true,
    };
  if (status === 404)
    return {
      what: `HTTP 404 at ${path}`,
      fix: `is it an API=${api} server, and is the base path in TARGET right?`,
      final: false,
    };
  return { what: `HTTP ${status}`, fix: 'check the server log', final: false };
}

/** Probes `targetUrl` (already normalised) as `api` would be used; resolves to a line saying what answered. */
export async function probeTarget(
  targetUrl: string,
  api: string,
  timeoutMs = 5000,
  signal?: AbortSignal,
): Promise<string> {
  const paths = PROBE_PATHS[api] ?? ['/health'];
  let last: ProbeFailure | undefined;
  let lastUrl = targetUrl;
  for (const path of paths) {
    const url = new URL(`${targetUrl}${path}`);
    lastUrl = url.href;
    try {
      const { status } = await httpGet(
        url,
        { timeoutMs, maxHeaderSize: MAX_RESPONSE_HEADER_BYTES, ...(signal ? { signal } : {}) },
        false,
      );
      if (status >= 200 && status < 300) return `${url.href} answered ${status}`;
      last = statusFailure(status, path, api);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      last = adviseProbeFailure(error, url, timeoutMs);
    }
    if (last.final) break;
  }
  const failure = last ?? { what: 'no answer', fix: 'check TARGET' };
  throw new UserError(`target not ready: ${lastUrl}: ${failure.what}. Fix: ${failure.fix}`);
}

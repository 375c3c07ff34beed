// Checks the target before any load: an unreachable or unready server is one clear error with the fix that fits
// its cause, not minutes of failures. undici's request, not fetch: fetch refuses the "bad ports" of browsers
// (6000, 6665-6669, ...), where a self-hosted server may well listen.
import { httpGet } from '../util/http-get.ts';
import { UserError } from '../util/errors.ts';

/** Where each API answers a cheap GET that proves the server is there and ready. */
const PROBE_PATHS: Record<string, string[]> = {
  openai: ['/health', '/v1/models'],
  llamacpp: ['/health'],
  ollama: ['/api/version', '/api/tags'],
};

// Go's (and so k6's) limit on a response head: the probe refuses no target that the load would accept.
const MAX_HEADER_BYTES = 10 * 1024 * 1024;

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
  const err = error as { code?: unknown; message?: unknown; cause?: unknown };
  const name = (error as { name?: unknown }).name;
  const code = typeof err.code === 'string' ? err.code : name === 'HTTPParserError' ? 'HPE_INVALID' : '';
  // OpenSSL's texts carry a library prefix and a source path: keep the reason ("wrong version number").
  const raw = typeof err.message === 'string' ? err.message : String(error);
  const message = /SSL routines:[^:]*:([^:]+):/.exec(raw)?.[1] ?? raw.trim();
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  if (code === 'ECONNREFUSED')
    return {
      what: `nothing listens at ${where} (connection refused)`,
      fix: "start the server (or 'inferload local start'), or check the port in TARGET",
      final: true,
    };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return {
      what: `host '${url.hostname}' does not resolve (${code})`,
      fix: 'check the host in TARGET',
      final: true,
    };
  if (code === 'UND_ERR_HEADERS_OVERFLOW')
    return {
      what: `the server's response headers exceed ${MAX_HEADER_BYTES / 1024 / 1024} MiB`,
      fix: 'this is not an LLM server, or a proxy in front of it adds oversized headers',
      final: true,
    };
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  )
    return {
      what: `no answer within ${timeoutMs / 1000} s (${code})`,
      fix: 'the server accepts connections but does not respond: it is hung or overloaded; restart it',
      final: true,
    };
  if (/ssl|tls|wrong version number|certificate|CERT_|EPROTO/i.test(`${code} ${message}`)) {
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
  if (code.startsWith('HPE_'))
    return {
      what: `the answer at ${where} is not HTTP (${message})`,
      fix:
        url.protocol === 'http:'
          ? 'a TLS port? use https:// in TARGET; else check the port'
          : 'check the port in TARGET',
      final: true,
    };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return {
      what: `the server at ${where} closed the connection without answering (${code || message})`,
      fix:
        url.protocol === 'http:'
          ? 'a TLS port? use https:// in TARGET; else check the server log'
          : 'check the server log',
      final: true,
    };
  return {
    what: `${code ? `${code}: ` : ''}${message}`,
    fix: 'check TARGET and that the server is up',
    final: true,
  };
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
        { timeoutMs, maxHeaderSize: MAX_HEADER_BYTES, ...(signal ? { signal } : {}) },
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

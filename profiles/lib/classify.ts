// Maps the error of a failed request to an error kind, from the texts real k6 (Go's net/http, k6's error codes)
// and xk6-sse produce, which the embedded engine reproduces (src/engine/modules/http/error-codes.ts and
// src/engine/modules/sse/go-error-text.ts).
import type { ErrorKind } from './llm-result.ts';

// Go's url.Error keeps the request in front (`Post "http://host/path": ...`): a URL must not decide the kind.
const REQUEST_PREFIX = /^[A-Za-z]+ "(?:[^"\\]|\\.)*": /;

// In order: the first match wins, so a specific cause beats the wrapper around it ("connection broken: ...").
const RULES: readonly (readonly [ErrorKind, RegExp])[] = [
  // Go: "server response headers exceeded 10485760 bytes"; undici: "Headers Overflow Error"; llhttp's code.
  ['header_overflow', /response headers exceeded|headers overflow|header_overflow|header list larger than/],
  // Go: "tls: ...", "x509: ...", "http: server gave HTTP response to HTTPS client"; OpenSSL via Node.
  [
    'tls',
    /\btls:|\bx509:|gave http response to https client|certificate|ssl routines|\beproto\b|\btls handshake/,
  ],
  // Go: "lookup foo on 10.0.0.53:53: no such host"; k6: "lookup: no such host" (1100-1101).
  [
    'dns',
    /\blookup\b|no such host|getaddrinfo|\benotfound\b|\beai_again\b|name resolution|server misbehaving/,
  ],
  // Go: "dial tcp 127.0.0.1:1: connect: connection refused"; k6: "dial: connection refused" (1212).
  ['connect_refused', /connection refused|\beconnrefused\b/],
  // k6: "request timeout" (1050), "dial: i/o timeout" (1211); Go: "context deadline exceeded".
  ['timeout', /timeout|timed out|deadline exceeded|\betimedout\b/],
  // Go: "read tcp a->b: read: connection reset by peer", "write: broken pipe"; k6: 1220, 1201.
  ['reset', /connection reset|broken pipe|\beconnreset\b|\bepipe\b/],
  // Cut short mid-body, in undici's words (the engine's k6/x/sse before it spoke Go).
  ['disconnect', /invalid eof state|body length does not match/],
  // Go: "malformed HTTP response \"...\"", chunked-encoding errors; undici: "... the HTTP/1.1 protocol ...".
  [
    'malformed',
    /malformed|does not match the http\/1\.1 protocol|\bhpe_|chunk length|bad content-length|header line too long/,
  ],
  // Go: "EOF", "unexpected EOF", "transport connection broken"; Node: "other side closed", "socket hang up".
  ['disconnect', /\beof\b|connection broken|closed|socket hang up|\bund_err_socket\b/],
];

/** A kind from a k6/http `error_code` where the code alone says it (lib/netext/httpext/error_codes.go). */
function kindOfErrorCode(code: number): ErrorKind | undefined {
  if (code === 1050 || code === 1211) return 'timeout';
  if (code === 1100 || code === 1101) return 'dns';
  if (code === 1212) return 'connect_refused';
  if (code === 1201 || code === 1220) return 'reset';
  if (code >= 1300 && code < 1400) return 'tls';
  if (code === 1701) return 'malformed'; // the body did not decompress
  return undefined;
}

/**
 * The kind of a transport error: k6/http's `error` (with its `error_code` when there is one), or xk6-sse's
 * `error()` / response `error`. `network` when nothing more precise is known.
 */
export function classifyTransportError(message: string, errorCode = 0): ErrorKind {
  const byCode = kindOfErrorCode(errorCode);
  if (byCode !== undefined) return byCode;
  const text = message.replace(REQUEST_PREFIX, '').toLowerCase();
  for (const [kind, pattern] of RULES) if (pattern.test(text)) return kind;
  return 'network';
}

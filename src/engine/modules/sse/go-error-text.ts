// Error strings as Go's http.Client prints them, which xk6-sse passes through to scripts.
import { isNotTls, UNKNOWN_AUTHORITY } from '../http/error-codes.ts';

export const DEADLINE_EXCEEDED = 'context deadline exceeded';
export const CONTEXT_CANCELED = 'context canceled';
/** io.EOF: the server closed the connection before sending a byte of the response. */
export const EOF = 'EOF';
/** io.ErrUnexpectedEOF: the connection closed in the middle of the response. */
export const UNEXPECTED_EOF = 'unexpected EOF';
/** How http.Transport prefixes a failure to read the response head once the connection is broken. */
export const CONNECTION_BROKEN = 'net/http: HTTP/1.x transport connection broken: ';
/** http.ErrSchemeMismatch: an https URL answered by a plain HTTP server. */
export const SCHEME_MISMATCH = 'http: server gave HTTP response to HTTPS client';

/** The two ends of a TCP connection, as Go's net.OpError prints them: `127.0.0.1:5123->127.0.0.1:8080`. */
export interface ConnectionEnds {
  local: string;
  remote: string;
}

/** Go's net.JoinHostPort: `127.0.0.1:80`, `[::1]:80`. */
export function goHostPort(address: string, port: number | undefined): string {
  return `${address.includes(':') ? `[${address}]` : address}:${String(port)}`;
}

/** `Get "http://x/": dial tcp 127.0.0.1:1: connect: connection refused` for a failed request. */
export function goRequestError(method: string, url: string, reason: string): string {
  const op = method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
  return `${op} "${url}": ${reason}`;
}

/** Go's %q for the strings a response head holds (printable ASCII and Latin-1). */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** The Go wording of a Node socket error where there is a close equivalent. */
export function goReason(err: unknown, ends: ConnectionEnds | null = null): string {
  const e = err as {
    code?: unknown;
    address?: unknown;
    port?: unknown;
    hostname?: unknown;
    reason?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.code === undefined)
    return goReason(e.errors[0], ends);
  const target = e.address === undefined ? '' : ` ${goHostPort(String(e.address), Number(e.port))}`;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `dial tcp${target}: connect: connection refused`;
    case 'ECONNRESET':
      return `${opPrefix('read', ends)}read: connection reset by peer`;
    case 'EPIPE':
      return `${opPrefix('write', ends)}write: broken pipe`;
    case 'UND_ERR_SOCKET':
      return UNEXPECTED_EOF;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `dial tcp${target}: i/o timeout`;
    case 'ENOTFOUND':
      // k6's dialer resolves names itself and returns the *net.DNSError as it is.
      return `lookup ${String(e.hostname)}: no such host`;
    default:
      // A plain-HTTP port behind an https URL: Go's client recognises the "HTTP/" record header.
      if (isNotTls(code, message)) return SCHEME_MISMATCH;
      if (code.startsWith('EAI_')) return `lookup ${String(e.hostname)}: ${message}`;
      if (UNKNOWN_AUTHORITY.has(code)) {
        return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
      }
      if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
        return `tls: ${typeof e.reason === 'string' ? e.reason : message}`;
      }
      if (code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) {
        return `tls: failed to verify certificate: x509: ${message}`;
      }
      return message;
  }
}

// `read tcp 127.0.0.1:5123->127.0.0.1:8080: ` where the connection's ends are known.
function opPrefix(op: string, ends: ConnectionEnds | null): string {
  return ends === null ? '' : `${op} tcp ${ends.local}->${ends.remote}: `;
}

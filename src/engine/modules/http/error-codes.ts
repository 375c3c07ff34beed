// k6's error codes and messages (lib/netext/httpext/error_codes.go), mapped from Node and undici errors.

/** What `res.error` and `res.error_code` hold after a failed request. */
export interface K6ErrorInfo {
  readonly code: number;
  readonly message: string;
}

export const GENERIC_ERROR_CODE = 1000;
export const REQUEST_TIMEOUT: K6ErrorInfo = { code: 1050, message: 'request timeout' };
export const DIAL_TIMEOUT: K6ErrorInfo = { code: 1211, message: 'dial: i/o timeout' };
export const CONTEXT_CANCELED: K6ErrorInfo = { code: GENERIC_ERROR_CODE, message: 'context canceled' };
export const DECOMPRESSION_ERROR_CODE = 1701;
/** Go's http.Transport default MaxResponseHeaderBytes (k6 and xk6-sse leave it unset): 10 MiB. */
export const MAX_RESPONSE_HEADER_BYTES = 10 << 20;
/** Go's readLoop text when a response head passes that limit. */
export const HEADERS_TOO_LARGE = `net/http: server response headers exceeded ${MAX_RESPONSE_HEADER_BYTES} bytes; aborted`;
/** crypto/tls's RecordHeaderError text when the server answers the handshake with something not TLS. */
export const NOT_TLS = 'tls: first record does not look like a TLS handshake';

/** Node's codes for a certificate no trusted CA vouches for (Go: x509: certificate signed by unknown authority). */
export const UNKNOWN_AUTHORITY: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** `error_code` for an HTTP status: 1000+status from 400 up, otherwise 0. */
export function statusErrorCode(status: number): number {
  return status >= 400 ? GENERIC_ERROR_CODE + status : 0;
}

/** Maps a transport error to k6's code and message; `gotResponse` tells EOF from unexpected EOF. */
export function classifyError(err: unknown, gotResponse: boolean): K6ErrorInfo {
  const code = errorCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return { code: 1212, message: 'dial: connection refused' };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return DIAL_TIMEOUT;
    case 'ECONNRESET':
      return { code: 1220, message: 'read: connection reset by peer' };
    case 'EPIPE':
      return { code: 1201, message: 'write: broken pipe' };
    case 'ENOTFOUND':
      return { code: 1101, message: 'lookup: no such host' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return { code: 1213, message: `dial: unknown errno error with msg \`${message}\`` };
    case 'UND_ERR_SOCKET':
      // Go reports a connection closed by the server as io.EOF / io.ErrUnexpectedEOF.
      return { code: GENERIC_ERROR_CODE, message: gotResponse ? 'unexpected EOF' : 'EOF' };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { code: 1311, message: "x509: certificate doesn't match hostname" };
    case 'UND_ERR_HEADERS_OVERFLOW':
      return { code: GENERIC_ERROR_CODE, message: HEADERS_TOO_LARGE };
    default:
      return classifyByPrefix(code, message, reasonOf(err));
  }
}

function classifyByPrefix(code: string, message: string, reason: string): K6ErrorInfo {
  // k6 classifies the transport's tls.RecordHeaderError (a plain-HTTP port behind an https URL) as 1300.
  if (isNotTls(code, message)) return { code: 1300, message: NOT_TLS };
  if (code.startsWith('EAI_')) return { code: 1100, message: `lookup: ${message}` };
  if (UNKNOWN_AUTHORITY.has(code)) return { code: 1310, message: 'x509: unknown authority' };
  // OpenSSL's short reason, worded as Go's crypto/tls words its errors.
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO')
    return { code: 1300, message: `tls: ${reason || message}` };
  if (code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) return { code: 1300, message };
  return { code: GENERIC_ERROR_CODE, message };
}

// OpenSSL errors carry a short `reason` ("sslv3 alert handshake failure") besides their long message.
function reasonOf(err: unknown): string {
  const reason = typeof err === 'object' && err !== null ? (err as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' ? reason : '';
}

// Node 20's happy-eyeballs connect reports an AggregateError; its first inner error carries the errno.
function errorCodeOf(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (err as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCodeOf(inner[0]) : '';
}

/** OpenSSL's "wrong version number": the first record the server sent was not TLS (read or write side). */
export function isNotTls(code: string, message: string): boolean {
  return (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' || (code === 'EPROTO' && message.includes('wrong version number'))
  );
}

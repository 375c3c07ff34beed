// Assembling the K6Response of a finished request from its last hop.
import type { Socket } from 'node:net';
import type { K6ErrorInfo } from './error-codes.ts';
import { statusErrorCode } from './error-codes.ts';
import { type IncomingHeaders, toResponseHeaders } from './header-keys.ts';
import type { RequestSpec } from './prepare-request.ts';
import type { ResponseType } from './request-params.ts';
import { K6Response } from './response.ts';
import { parseResponseCookies, setCookieLines } from './response-cookies.ts';
import { goCipherSuiteName } from './tls-options.ts';
import type { K6Timings } from './timings.ts';

/** The last hop of a request, as the response needs it. */
export interface FinalHop {
  readonly url: string;
  /** The host the last hop went to: the domain of its host-only cookies. */
  readonly hostname: string;
  readonly method: string;
  readonly timings: K6Timings;
  readonly socket: Socket | null;
  readonly error: K6ErrorInfo | null;
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: IncomingHeaders | null;
  readonly body: Buffer | null;
}

/** On error, status is 0 and headers/body are empty, as k6 leaves them. */
export function buildResponse(spec: RequestSpec, hop: FinalHop): K6Response {
  const res = new K6Response();
  res.url = hop.url;
  res.timings = hop.timings;
  res.request = {
    method: spec.method,
    url: spec.target.tagUrl,
    headers: spec.requestHeaders,
    body: spec.bodyText,
    cookies: spec.requestCookies,
  };
  const socket = hop.socket;
  if (socket !== null) {
    res.remote_ip = socket.remoteAddress ?? '';
    res.remote_port = socket.remotePort ?? 0;
    res.tls_version = tlsVersionOf(socket) ?? '';
    res.tls_cipher_suite = cipherSuiteOf(socket);
  }
  if (hop.error !== null) {
    res.error = hop.error.message;
    res.error_code = hop.error.code;
    return res;
  }
  const status = hop.status;
  res.status = status;
  res.status_text = hop.statusMessage === '' ? String(status) : `${status} ${hop.statusMessage}`;
  res.proto = 'HTTP/1.1';
  res.headers = toResponseHeaders(hop.headers);
  const setCookies = setCookieLines(hop.headers);
  if (setCookies.length > 0) res.cookies = parseResponseCookies(setCookies, hop.hostname);
  res.error_code = statusErrorCode(status);
  res.body = toBodyValue(hop.body, spec.params.responseType, hop.method, status);
  return res;
}

/** k6 gives no body for 1xx, 204 and 304 responses. */
export function statusHasBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304;
}

function toBodyValue(
  body: Buffer | null,
  type: ResponseType,
  method: string,
  status: number,
): string | ArrayBuffer | null {
  if (type === 'none' || !statusHasBody(status)) return null;
  const bytes = body ?? Buffer.alloc(0);
  if (type === 'binary') return method === 'HEAD' ? new ArrayBuffer(0) : new Uint8Array(bytes).buffer;
  return bytes.toString('utf8');
}

function cipherSuiteOf(socket: Socket): string {
  const getCipher = (socket as { getCipher?: () => { standardName?: string } | undefined }).getCipher;
  return typeof getCipher === 'function' ? goCipherSuiteName(getCipher.call(socket)?.standardName) : '';
}

/** "tls1.3" (k6's spelling) for a TLS socket, null for plain TCP. */
export function tlsVersionOf(socket: Socket): string | null {
  const getProtocol = (socket as { getProtocol?: () => string | null }).getProtocol;
  if (typeof getProtocol !== 'function') return null;
  const protocol = getProtocol.call(socket);
  return protocol === null ? null : protocol.replace('TLSv', 'tls');
}

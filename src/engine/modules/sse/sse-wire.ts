// The request bytes of one sse.open, checked and framed exactly as undici did when it carried k6/x/sse: the
// same refusals with the same messages, and the same bytes on the wire. Prepared once per distinct request:
// a script opens the same stream again and again, and this is on the path every TTFT measures.
import type { buildConnector } from 'undici';
import type { SseOpenArgs } from './sse-params.ts';
import { goReason, goRequestError } from './go-error-text.ts';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const DIGITS = /^\d+$/;
/** Bounds on the cache: requests kept, and the largest kept (bodies that change every time are not kept). */
const MAX_PREPARED = 256;
const MAX_PREPARED_BYTES = 8 * 1024;

/** What a stream sends, and where. */
export interface PreparedRequest {
  /** Head and body, written at once. */
  readonly bytes: Buffer;
  /** For the dialer, as undici's client passed them (an IPv6 literal without its brackets). */
  readonly connect: buildConnector.Options;
}

const prepared = new Map<string, PreparedRequest>();

/** The request for `args`, built on first use; throws an Error with the message sse.open reports. */
export function prepareSseRequest(args: SseOpenArgs): PreparedRequest {
  // Each part prefixed by its length, so that no two requests share a key.
  let key = `${args.method.length}:${args.method}${args.url.length}:${args.url}${args.body.length}:${args.body}`;
  for (const name in args.headers) {
    const value = args.headers[name] as string;
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  const cached = prepared.get(key);
  if (cached !== undefined) return cached;
  const url = new URL(args.url); // its TypeError ("Invalid URL") is reported as it is
  let bytes: Buffer;
  try {
    bytes = buildSseRequest(args.method, url, args.headers, args.body);
  } catch (err) {
    throw new Error(goRequestError(args.method, args.url, goReason(err)));
  }
  const { hostname, host, protocol, port } = url;
  const ipv6 = hostname.charCodeAt(0) === 91; /* [ */
  const request: PreparedRequest = {
    bytes,
    connect: { hostname: ipv6 ? hostname.slice(1, -1) : hostname, host, protocol, port, localAddress: null },
  };
  if (bytes.length <= MAX_PREPARED_BYTES) {
    if (prepared.size >= MAX_PREPARED) prepared.clear();
    prepared.set(key, request);
  }
  return request;
}

const URL_PROTOCOL = 'Invalid URL protocol: the URL must start with `http:` or `https:`.';

/** Methods undici sends `content-length: 0` for when there is no body. */
function expectsPayload(method: string): boolean {
  return (
    method === 'POST' ||
    method === 'PUT' ||
    method === 'PATCH' ||
    method === 'QUERY' ||
    method === 'PROPFIND' ||
    method === 'PROPPATCH'
  );
}

function shouldSendContentLength(method: string): boolean {
  return (
    method !== 'GET' &&
    method !== 'HEAD' &&
    method !== 'OPTIONS' &&
    method !== 'TRACE' &&
    method !== 'CONNECT'
  );
}

/**
 * The whole request, head and body, to be written at once: request line, host, `connection: close` (a
 * connection per stream, as undici's `reset: true`), the script's headers, content-length. Throws an Error
 * with undici's message for what undici refused (a bad method, header name or value, a framing header the
 * client owns, a content-length that contradicts the body).
 */
export function buildSseRequest(
  method: string,
  url: URL,
  scriptHeaders: Readonly<Record<string, string>>,
  bodyText: string,
): Buffer {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(URL_PROTOCOL);
  if (!TOKEN.test(method)) throw new Error('invalid request method');
  let host = url.host;
  let lines = '';
  let declaredLength: number | null = null;
  for (const key in scriptHeaders) {
    const value = scriptHeaders[key] as string;
    const name = key.toLowerCase();
    if (!TOKEN.test(name)) throw new Error('invalid header key');
    if (INVALID_VALUE.test(value)) throw new Error(`invalid ${key} header`);
    if (name === 'host') host = value;
    else if (name === 'content-length') {
      if (!DIGITS.test(value)) throw new Error('invalid content-length header');
      declaredLength = parseInt(value, 10);
    } else if (name === 'transfer-encoding' || name === 'keep-alive' || name === 'upgrade') {
      throw new Error(`invalid ${name} header`);
    } else if (name === 'connection') {
      for (const token of value.toLowerCase().split(',')) {
        if (!TOKEN.test(token.trim())) throw new Error('invalid connection header');
      }
    } else if (name === 'expect') throw new Error('expect header not supported');
    else lines += `${key}: ${value}\r\n`;
  }
  const body = bodyText === '' ? null : Buffer.from(bodyText);
  let contentLength: number | null = body === null ? 0 : body.length;
  if (contentLength === 0 && !expectsPayload(method)) contentLength = null;
  if (
    contentLength !== null &&
    contentLength > 0 &&
    declaredLength !== null &&
    declaredLength !== contentLength &&
    shouldSendContentLength(method)
  ) {
    throw new Error('Request body length does not match content-length header');
  }
  const framing = contentLength === null ? '' : `content-length: ${contentLength}\r\n`;
  const head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n${lines}${framing}\r\n`;
  if (body === null) return Buffer.from(head, 'latin1');
  const headLength = Buffer.byteLength(head, 'latin1');
  const bytes = Buffer.allocUnsafe(headLength + body.length);
  bytes.write(head, 0, 'latin1');
  body.copy(bytes, headLength);
  return bytes;
}

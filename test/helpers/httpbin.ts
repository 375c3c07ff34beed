// A small local httpbin (the routes k6's docs and examples use), over HTTP and over HTTPS with a self-signed
// certificate, on loopback ports chosen at run time. Answers have httpbin's JSON shapes.
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A running httpbin: `url` is http://127.0.0.1:PORT, `tlsUrl` https://127.0.0.1:PORT (self-signed). */
export interface Httpbin {
  readonly url: string;
  readonly tlsUrl: string;
  /** The PEM certificate the HTTPS side presents (CN inferload-httpbin, SAN 127.0.0.1 and localhost). */
  readonly cert: string;
  /** Its private key: tests use the pair as a client certificate too. */
  readonly key: string;
  /** Requests seen so far, as "METHOD /path?query". */
  readonly seen: string[];
  close(): Promise<void>;
}

// Self-signed, valid until 2126: generated once with `openssl req -x509 -newkey ec ... -days 36500`.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgazWMdlk1lsGsO3wH
s13/Ea6LhyV7J5yBCQkY+eFB7dahRANCAARZW+HNaRiooVmNL8PbiIezsf7rVovb
Lc6fG3M3HDZB2uYMOGWZC6YdF/BjU1352sNPtBvH8XnNiVEJd8D44MtK
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBqjCCAVGgAwIBAgIUefQh9XLnnyX7UpzDicW/fkh2F/AwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRaW5mZXJsb2FkLWh0dHBiaW4wIBcNMjYxMjA0MTgzMDA2WhgP
MjEyNjExMTAxODMwMDZaMBwxGjAYBgNVBAMMEWluZmVybG9hZC1odHRwYmluMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEWVvhzWkYqKFZjS/D24iHs7H+61aL2y3O
nxtzNxw2QdrmDDhlmQumHRfwY1Nd+drDT7Qbx/F5zYlRCXfA+ODLSqNvMG0wHQYD
VR0OBBYEFMyRJmoXQ23MhnyVd47EVDRjXmu6MB8GA1UdIwQYMBaAFMyRJmoXQ23M
hnyVd47EVDRjXmu6MA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYcEfwAAAYIJ
bG9jYWxob3N0MAoGCCqGSM49BAMCA0cAMEQCIFnIwanJR1kI86rqR60MFDJTlq/x
j5kVn0Wv9u1MdQfLAiBE7T/17UnDTkqxgdDmiOHWyQmC7yAK1E1nzgEztIUJZw==
-----END CERTIFICATE-----
`;

/** The page /html serves: a small document for Response.html() (httpbin serves a Moby-Dick excerpt). */
export const HTTPBIN_HTML = `<!DOCTYPE html>
<html>
  <head><title>Moby-Dick</title><meta name="author" content="Herman Melville"></head>
  <body>
    <h1>Herman Melville - Moby-Dick</h1>
    <div id="story">
      <p class="first">Availing himself of the mild, summer-cool weather.</p>
      <p>Call me Ishmael.</p>
      <p>It is a way I have of driving off the spleen.</p>
    </div>
    <ul id="chapters"><li data-n="1">Loomings</li><li data-n="2">The Carpet-Bag</li><li data-n="3">The Spouter-Inn</li></ul>
    <a href="/get?from=html">get</a> <a href="/headers">headers</a>
    <form action="/post" method="post"><input name="whale" value="white"><select name="ship"><option value="pequod" selected>Pequod</option></select></form>
  </body>
</html>
`;

const SLIDESHOW = {
  slideshow: {
    author: 'Yours Truly',
    date: 'date of publication',
    slides: [
      { title: 'Wake up to WonderWidgets!', type: 'all' },
      {
        items: ['Why <em>WonderWidgets</em> are great', 'Who <em>buys</em> WonderWidgets'],
        title: 'Overview',
        type: 'all',
      },
    ],
    title: 'Sample Slide Show',
  },
};

const DIGEST_REALM = 'me@kennethreitz.com';

interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly body: Buffer;
  readonly parts: readonly string[];
}

/** Starts both sides; close() stops them and drops open connections. */
export async function startHttpbin(): Promise<Httpbin> {
  const seen: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const scheme = 'encrypted' in req.socket ? 'https' : 'http';
      const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? '127.0.0.1'}`);
      seen.push(`${req.method ?? 'GET'} ${url.pathname}${url.search}`);
      const parts = url.pathname.split('/').filter((p) => p !== '');
      route({ req, res, url, body: Buffer.concat(chunks), parts });
    });
  };
  const plain = createServer(handler);
  const tls = createTlsServer({ key: KEY, cert: CERT }, handler);
  const [port, tlsPort] = await Promise.all([listen(plain), listen(tls)]);
  return {
    url: `http://127.0.0.1:${port}`,
    tlsUrl: `https://127.0.0.1:${tlsPort}`,
    cert: CERT,
    key: KEY,
    seen,
    close: async () => {
      await Promise.all([stop(plain), stop(tls)]);
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function stop(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

function route(call: Call): void {
  const [first = '', second, third, fourth, fifth] = call.parts;
  const method = call.req.method ?? 'GET';
  switch (first) {
    case 'get':
      return method === 'GET' || method === 'HEAD'
        ? sendJson(call, requestInfo(call, false))
        : notAllowed(call);
    case 'post':
    case 'put':
    case 'patch':
    case 'delete':
      return method === first.toUpperCase() ? sendJson(call, requestInfo(call, true)) : notAllowed(call);
    case 'anything':
      return sendJson(call, { ...requestInfo(call, true), method });
    case 'headers':
      return sendJson(call, { headers: headersOf(call.req) });
    case 'user-agent':
      return sendJson(call, { 'user-agent': call.req.headers['user-agent'] ?? '' });
    case 'status':
      return sendStatus(call, Number(second?.split(',')[0]));
    case 'redirect':
    case 'relative-redirect':
    case 'absolute-redirect':
      return redirectTimes(call, first, Number(second));
    case 'redirect-to':
      return redirect(
        call,
        call.url.searchParams.get('url') ?? '/get',
        Number(call.url.searchParams.get('status_code') ?? 302),
      );
    case 'cookies':
      return cookies(call, second, third, fourth);
    case 'basic-auth':
      return basicAuth(call, second ?? 'user', third ?? 'passwd');
    case 'digest-auth':
      return digestAuth(call, second ?? 'auth', third ?? 'user', fourth ?? 'passwd', fifth ?? 'MD5');
    case 'delay':
      setTimeout(() => sendJson(call, requestInfo(call, true)), Math.min(Number(second) || 0, 10) * 1000);
      return;
    case 'bytes':
      return send(
        call,
        200,
        'application/octet-stream',
        seededBytes(Number(second) || 0, call.url.searchParams.get('seed')),
      );
    case 'html':
      return send(call, 200, 'text/html; charset=utf-8', Buffer.from(HTTPBIN_HTML));
    case 'json':
      return sendJson(call, SLIDESHOW);
    case 'gzip':
      call.res.setHeader('Content-Encoding', 'gzip');
      return send(
        call,
        200,
        'application/json',
        gzipSync(json({ gzipped: true, headers: headersOf(call.req), method, origin: origin(call) })),
      );
    case 'response-headers':
      for (const [key, value] of call.url.searchParams) call.res.appendHeader(key, value);
      return sendJson(call, Object.fromEntries(call.url.searchParams));
    default:
      return send(call, 404, 'text/html', Buffer.from('<h1>Not Found</h1>'));
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

function send(call: Call, status: number, type: string, body: Buffer): void {
  call.res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
  call.res.end(call.req.method === 'HEAD' ? undefined : body);
}

function sendJson(call: Call, value: unknown, status = 200): void {
  send(call, status, 'application/json', json(value));
}

function notAllowed(call: Call): void {
  send(call, 405, 'text/html', Buffer.from('<h1>Method Not Allowed</h1>'));
}

function origin(call: Call): string {
  return call.req.socket.remoteAddress ?? '';
}

// Werkzeug shows header names Title-Cased; repeated headers are joined with ",".
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '')
      .toLowerCase()
      .replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    const value = req.rawHeaders[i + 1] ?? '';
    out[name] = out[name] === undefined ? value : `${out[name]},${value}`;
  }
  return out;
}

function multiMap(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

function requestInfo(call: Call, withBody: boolean): Record<string, unknown> {
  const base = {
    args: multiMap(call.url.searchParams),
    headers: headersOf(call.req),
    origin: origin(call),
    url: call.url.href,
  };
  if (!withBody) return base;
  const text = call.body.toString('utf8');
  const type = call.req.headers['content-type'] ?? '';
  const isForm = type.startsWith('application/x-www-form-urlencoded');
  let parsed: unknown = null;
  try {
    parsed = text === '' || isForm ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  return {
    ...base,
    data: isForm ? '' : text,
    files: {},
    form: isForm ? multiMap(new URLSearchParams(text)) : {},
    json: parsed,
  };
}

function sendStatus(call: Call, code: number): void {
  if (!Number.isInteger(code) || code < 100 || code > 599)
    return send(call, 400, 'text/html', Buffer.from('Invalid status code'));
  if (code >= 300 && code < 400 && code !== 304) call.res.setHeader('Location', '/redirect/1');
  if (code === 401) call.res.setHeader('WWW-Authenticate', 'Basic realm="Fake Realm"');
  send(call, code, 'text/html; charset=utf-8', Buffer.alloc(0));
}

function redirect(call: Call, location: string, status = 302): void {
  call.res.setHeader('Location', location);
  send(call, status >= 300 && status < 400 ? status : 302, 'text/html; charset=utf-8', Buffer.alloc(0));
}

// /redirect/n and /relative-redirect/n answer "Location: /relative-redirect/(n-1)", the last hop /get.
function redirectTimes(call: Call, kind: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) return send(call, 404, 'text/html', Buffer.from('<h1>Not Found</h1>'));
  const absolute = kind === 'absolute-redirect' || call.url.searchParams.get('absolute') === 'true';
  const path = n === 1 ? '/get' : `/${absolute ? 'absolute' : 'relative'}-redirect/${n - 1}`;
  redirect(call, absolute ? `${call.url.origin}${path}` : path);
}

function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0)
      out[pair.slice(0, at).trim()] = pair
        .slice(at + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return out;
}

// Werkzeug quotes a cookie value holding a space, a comma or a quote.
function quoteCookie(value: string): string {
  return /[\s,;"\\]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
}

function cookies(call: Call, action: string | undefined, name?: string, value?: string): void {
  if (action === undefined) return sendJson(call, { cookies: parseCookieHeader(call.req.headers.cookie) });
  const setCookies: string[] = [];
  if (action === 'set' && name !== undefined) setCookies.push(`${name}=${quoteCookie(value ?? '')}; Path=/`);
  else if (action === 'set')
    for (const [k, v] of call.url.searchParams) setCookies.push(`${k}=${quoteCookie(v)}; Path=/`);
  else if (action === 'delete')
    for (const k of call.url.searchParams.keys())
      setCookies.push(`${k}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`);
  else return send(call, 404, 'text/html', Buffer.from('<h1>Not Found</h1>'));
  call.res.setHeader('Set-Cookie', setCookies);
  redirect(call, '/cookies');
}

function basicAuth(call: Call, user: string, passwd: string): void {
  const expected = `Basic ${Buffer.from(`${user}:${passwd}`).toString('base64')}`;
  if (call.req.headers.authorization === expected) return sendJson(call, { authenticated: true, user });
  call.res.setHeader('WWW-Authenticate', 'Basic realm="Fake Realm"');
  send(call, 401, 'text/html', Buffer.alloc(0));
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

// httpbin's digest-auth: a challenge (with its two cookies) until the Authorization answers it (RFC 2617).
function digestAuth(call: Call, qop: string, user: string, passwd: string, algorithm: string): void {
  const fields = parseDigest(call.req.headers.authorization);
  if (fields !== null && fields.username === user && fields.realm === DIGEST_REALM) {
    const ha1 = md5(`${user}:${DIGEST_REALM}:${passwd}`);
    const ha2 = md5(`${call.req.method ?? 'GET'}:${fields.uri ?? ''}`);
    const expected = fields.qop
      ? md5(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:${fields.qop}:${ha2}`)
      : md5(`${ha1}:${fields.nonce}:${ha2}`);
    if (fields.response === expected) return sendJson(call, { authenticated: true, user });
  }
  const nonce = md5(randomBytes(8).toString('hex'));
  const opaque = md5(randomBytes(8).toString('hex'));
  const qopPart = qop === 'auth' || qop === 'auth-int' ? `qop="${qop}", ` : '';
  call.res.setHeader(
    'WWW-Authenticate',
    `Digest realm="${DIGEST_REALM}", nonce="${nonce}", ${qopPart}opaque="${opaque}", algorithm=${algorithm}, stale=FALSE`,
  );
  call.res.setHeader('Set-Cookie', ['stale_after=never; Path=/', 'fake=fake_value; Path=/']);
  send(call, 401, 'text/html', Buffer.alloc(0));
}

function parseDigest(header: string | undefined): Record<string, string> | null {
  if (header === undefined || !/^digest /i.test(header)) return null;
  const out: Record<string, string> = {};
  for (const match of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    out[(match[1] as string).toLowerCase()] = match[2] ?? match[3] ?? '';
  }
  return out;
}

// Deterministic for a given seed, as httpbin's /bytes/n?seed=s is.
function seededBytes(n: number, seed: string | null): Buffer {
  const count = Math.min(Math.max(0, Math.trunc(n)), 100 * 1024);
  if (seed === null) return randomBytes(count);
  const out = Buffer.alloc(count);
  let state = Number(seed) >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

// The `params` argument of k6/http calls (js/modules/k6/http/request.go parseRequest).
import { parseDuration } from '../../duration.ts';
import { canonicalHeaderKey } from './header-keys.ts';
import { type ExpectedStatuses, toResponseCallback } from './expected-statuses.ts';
import { notImplemented } from '../not-implemented.ts';
import { K6CookieJar } from './cookie-jar.ts';

export type ResponseType = 'text' | 'binary' | 'none';

/** A cookie from params.cookies; `replace` drops the jar's cookies of that name for this request. */
export interface RequestCookie {
  readonly name: string;
  readonly value: string;
  readonly replace: boolean;
}

/** Parsed params; `responseCallback` undefined means "the module's current callback". */
export interface RequestParams {
  readonly headers: Readonly<Record<string, string>> | null;
  readonly cookies: readonly RequestCookie[];
  /** params.jar; null means the VU's own jar. */
  readonly jar: K6CookieJar | null;
  /** 'digest' answers a Digest challenge with the URL's credentials; null: Basic from the URL, if any. */
  readonly auth: 'digest' | null;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly timeoutMs: number;
  readonly responseType: ResponseType;
  readonly redirects: number;
  /** params.redirects or options.maxRedirects was given: k6 then cuts a chain without a warning. */
  readonly redirectsSet: boolean;
  readonly throwOnError: boolean;
  readonly responseCallback: ExpectedStatuses | null | undefined;
}

/** Values params fall back to: run options. */
export interface ParamDefaults {
  readonly throwOnError: boolean;
  readonly discardResponseBodies: boolean;
  readonly maxRedirects: number;
  /** options.maxRedirects was set (k6's Valid flag); absent means not. */
  readonly maxRedirectsSet?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Parses params; unknown keys are ignored, as k6 does. */
export function parseParams(params: unknown, defaults: ParamDefaults): RequestParams {
  const parsed = {
    headers: null as Record<string, string> | null,
    cookies: [] as RequestCookie[],
    jar: null as K6CookieJar | null,
    auth: null as 'digest' | null,
    tags: null as Record<string, string> | null,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    responseType: (defaults.discardResponseBodies ? 'none' : 'text') as ResponseType,
    redirects: defaults.maxRedirects,
    redirectsSet: defaults.maxRedirectsSet === true,
    throwOnError: defaults.throwOnError,
    responseCallback: undefined as ExpectedStatuses | null | undefined,
  };
  if (params === undefined || params === null) return parsed;
  if (typeof params !== 'object') throw new Error(`invalid params: expected an object, got ${typeof params}`);
  const p = params as Record<string, unknown>;
  if (isSet(p.headers)) parsed.headers = parseHeaders(p.headers);
  if (isSet(p.cookies)) parsed.cookies = parseCookies(p.cookies);
  if (p.jar !== undefined && p.jar !== null) parsed.jar = parseJar(p.jar);
  if (p.auth === 'digest') parsed.auth = 'digest';
  if (isSet(p.tags)) parsed.tags = stringRecord(p.tags);
  if (p.timeout !== undefined) parsed.timeoutMs = parseTimeout(p.timeout);
  if (p.responseType !== undefined) parsed.responseType = parseResponseType(p.responseType);
  if (p.redirects !== undefined && p.redirects !== null) {
    parsed.redirects = Math.trunc(Number(p.redirects)) || 0;
    parsed.redirectsSet = true;
  }
  if (p.throw !== undefined) parsed.throwOnError = Boolean(p.throw);
  if ('responseCallback' in p) parsed.responseCallback = toResponseCallback(p.responseCallback);
  rejectUnsupported(p);
  return parsed;
}

function isSet(value: unknown): value is object {
  return value !== undefined && value !== null && typeof value === 'object';
}

function stringRecord(value: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}

// Go's Header.Set canonicalises names; Content-Length is dropped because the transport computes it.
function parseHeaders(value: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = canonicalHeaderKey(key);
    if (name === 'Content-Length') continue;
    out[name] = String(item);
  }
  return out;
}

// {name: "v"} or {name: {value: "v", replace: true}}.
function parseCookies(value: object): RequestCookie[] {
  const out: RequestCookie[] = [];
  for (const [name, cookie] of Object.entries(value)) {
    if (cookie === undefined || cookie === null) continue;
    const isObject = typeof cookie === 'object';
    const cookieValue = isObject ? (cookie as { value?: unknown }).value : cookie;
    const replace = isObject && (cookie as { replace?: unknown }).replace === true;
    out.push({ name, value: cookieValue === undefined ? '' : String(cookieValue), replace });
  }
  return out;
}

function parseJar(value: unknown): K6CookieJar {
  if (value instanceof K6CookieJar) return value;
  throw new Error('invalid params.jar: expected a cookie jar from http.cookieJar() or new http.CookieJar()');
}

function parseTimeout(value: unknown): number {
  try {
    if (typeof value !== 'number' && typeof value !== 'string')
      throw new Error(`unsupported type ${typeof value}`);
    return parseDuration(value);
  } catch (err) {
    throw new Error(`invalid timeout value: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseResponseType(value: unknown): ResponseType {
  if (value === 'text' || value === 'binary' || value === 'none') return value;
  throw new Error(`invalid responseType ${JSON.stringify(value)}: use "text", "binary" or "none"`);
}

function rejectUnsupported(p: Record<string, unknown>): void {
  if (p.auth !== undefined && p.auth !== null && p.auth !== 'basic' && p.auth !== 'digest') {
    throw notImplemented('k6/http', `params.auth "${String(p.auth)}"`);
  }
  if (typeof p.compression === 'string' && p.compression.trim() !== '') {
    throw notImplemented('k6/http', 'params.compression');
  }
}

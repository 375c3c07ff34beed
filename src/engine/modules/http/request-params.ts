// The `params` argument of k6/http calls (js/modules/k6/http/request.go parseRequest).
import { parseDuration } from '../../duration.ts';
import { canonicalHeaderKey } from './header-keys.ts';
import { type ExpectedStatuses, toResponseCallback } from './expected-statuses.ts';
import { notImplemented } from '../not-implemented.ts';

export type ResponseType = 'text' | 'binary' | 'none';

/** Parsed params; `responseCallback` undefined means "the module's current callback". */
export interface RequestParams {
  readonly headers: Readonly<Record<string, string>> | null;
  readonly cookieHeader: string | null;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly timeoutMs: number;
  readonly responseType: ResponseType;
  readonly redirects: number;
  readonly throwOnError: boolean;
  readonly responseCallback: ExpectedStatuses | null | undefined;
}

/** Values params fall back to: run options. */
export interface ParamDefaults {
  readonly throwOnError: boolean;
  readonly discardResponseBodies: boolean;
  readonly maxRedirects: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Parses params; unknown keys are ignored, as k6 does. */
export function parseParams(params: unknown, defaults: ParamDefaults): RequestParams {
  const parsed = {
    headers: null as Record<string, string> | null,
    cookieHeader: null as string | null,
    tags: null as Record<string, string> | null,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    responseType: (defaults.discardResponseBodies ? 'none' : 'text') as ResponseType,
    redirects: defaults.maxRedirects,
    throwOnError: defaults.throwOnError,
    responseCallback: undefined as ExpectedStatuses | null | undefined,
  };
  if (params === undefined || params === null) return parsed;
  if (typeof params !== 'object') throw new Error(`invalid params: expected an object, got ${typeof params}`);
  const p = params as Record<string, unknown>;
  if (isSet(p.headers)) parsed.headers = parseHeaders(p.headers);
  if (isSet(p.cookies)) parsed.cookieHeader = parseCookies(p.cookies);
  if (isSet(p.tags)) parsed.tags = stringRecord(p.tags);
  if (p.timeout !== undefined) parsed.timeoutMs = parseTimeout(p.timeout);
  if (p.responseType !== undefined) parsed.responseType = parseResponseType(p.responseType);
  if (p.redirects !== undefined) parsed.redirects = Math.trunc(Number(p.redirects)) || 0;
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

function parseCookies(value: object): string | null {
  const pairs: string[] = [];
  for (const [name, cookie] of Object.entries(value)) {
    if (cookie === undefined || cookie === null) continue;
    const cookieValue = typeof cookie === 'object' ? (cookie as { value?: unknown }).value : cookie;
    pairs.push(`${name}=${cookieValue === undefined ? '' : String(cookieValue)}`);
  }
  return pairs.length > 0 ? pairs.join('; ') : null;
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
  if (p.auth !== undefined && p.auth !== null && p.auth !== 'basic') {
    throw notImplemented('k6/http', `params.auth "${String(p.auth)}"`);
  }
  if (p.jar !== undefined && p.jar !== null) throw notImplemented('k6/http', 'params.jar (cookie jars)');
  if (typeof p.compression === 'string' && p.compression.trim() !== '') {
    throw notImplemented('k6/http', 'params.compression');
  }
}

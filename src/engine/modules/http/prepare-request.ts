// Turns the arguments of a k6/http call into everything a request run needs, before any I/O.
import type { K6CookieJar } from './cookie-jar.ts';
import { type RequestCookieMap, cookieHeaderFor, requestCookieMap } from './request-cookies.ts';
import { encodeBody } from './request-body.ts';
import { type ParamDefaults, type RequestParams, parseParams } from './request-params.ts';
import { K6Url, type Target, type TargetCache } from './target-url.ts';

/** A request ready to dispatch. */
export interface RequestSpec {
  readonly method: string;
  readonly target: Target;
  /** `tags.name`, else the `http.url` template name; it replaces both the `name` and `url` tags. */
  readonly nameTag: string | null;
  readonly params: RequestParams;
  /** Flat [name, value, ...] as undici takes it, Authorization from URL credentials included, no Cookie. */
  readonly headerList: readonly string[];
  /** The jar the request reads and fills: params.jar, else the VU's jar of this iteration. */
  readonly jar: K6CookieJar;
  /** A Cookie header the script set itself, sent before the cookies of params and the jar. */
  readonly userCookie: string | null;
  /** `res.request.cookies`: the first hop's cookies, name -> [{name, value, replace}]. */
  readonly requestCookies: RequestCookieMap;
  /** `res.request.headers`: canonical names to value arrays, as Go's http.Header. */
  readonly requestHeaders: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer | null;
  readonly bodyText: string;
}

/** What preparing needs from the run: parsed URLs, the User-Agent, option defaults. */
export interface PrepareContext {
  readonly targets: TargetCache;
  readonly userAgent: string;
  readonly defaults: ParamDefaults;
  /** The VU's cookie jar for the current iteration. */
  jar(): K6CookieJar;
}

/** Throws an Error with k6's message when the URL, body or params are invalid. */
export function prepareRequest(
  prep: PrepareContext,
  method: string,
  url: unknown,
  body: unknown,
  params: unknown,
): RequestSpec {
  const rawUrl = url instanceof K6Url ? url.url : String(url);
  const target = prep.targets.resolve(rawUrl);
  const parsed = parseParams(params, prep.defaults);
  const encoded = encodeBody(body);
  const headers: Record<string, string> = {};
  if (encoded.contentType !== null) headers['Content-Type'] = encoded.contentType;
  headers['User-Agent'] = prep.userAgent;
  if (parsed.headers !== null) Object.assign(headers, parsed.headers);
  const jar = parsed.jar ?? prep.jar();
  const userCookie = headers.Cookie ?? null;
  delete headers.Cookie;
  const headerList: string[] = [];
  const requestHeaders: Record<string, string[]> = {};
  for (const name in headers) {
    const value = headers[name] ?? '';
    headerList.push(name, value);
    requestHeaders[name] = [value];
  }
  // Digest sends no credentials until challenged (k6's digestTransport clears the URL's user).
  if (target.authorization !== null && headers.Authorization === undefined && parsed.auth !== 'digest') {
    headerList.push('Authorization', target.authorization);
  }
  const cookie = cookieHeaderFor(userCookie, parsed.cookies, jar, target.href);
  if (cookie !== null) requestHeaders.Cookie = [cookie];
  return {
    method,
    target,
    nameTag: parsed.tags?.name ?? urlName(url, target),
    params: parsed,
    headerList,
    jar,
    userCookie,
    requestCookies: requestCookieMap(parsed.cookies, jar, target.href),
    requestHeaders,
    body: encoded.bytes,
    bodyText: encoded.text,
  };
}

function urlName(url: unknown, target: Target): string | null {
  return url instanceof K6Url && url.name !== target.tagUrl ? url.name : null;
}

// The Cookie header of one request hop, as k6 builds it (httpext.SetRequestCookies): the script's own Cookie
// header, then params.cookies, then the jar's cookies for the URL except those a params cookie replaces.
import type { K6CookieJar } from './cookie-jar.ts';
import type { RequestCookie } from './request-params.ts';

/** `res.request.cookies`: name -> the cookies sent under it. */
export type RequestCookieMap = Record<string, { name: string; value: string; replace: boolean }[]>;

/** The header value for a request to `href`, or null when there is no cookie to send. */
export function cookieHeaderFor(
  userCookie: string | null,
  cookies: readonly RequestCookie[],
  jar: K6CookieJar,
  href: string,
): string | null {
  const pairs: string[] = userCookie === null || userCookie === '' ? [] : [userCookie];
  const replaced = new Set<string>();
  for (const cookie of cookies) {
    pairs.push(`${cookie.name}=${cookie.value}`);
    if (cookie.replace) replaced.add(cookie.name);
  }
  for (const cookie of jar.cookiePairs(href)) {
    if (!replaced.has(cookie.name)) pairs.push(`${cookie.name}=${cookie.value}`);
  }
  return pairs.length > 0 ? pairs.join('; ') : null;
}

/** What k6 reports as the request's cookies: the jar's first, then params.cookies (replace drops the jar's). */
export function requestCookieMap(
  cookies: readonly RequestCookie[],
  jar: K6CookieJar,
  href: string,
): RequestCookieMap {
  const out: RequestCookieMap = {};
  for (const { name, value } of jar.cookiePairs(href))
    (out[name] ??= []).push({ name, value, replace: false });
  for (const cookie of cookies) {
    if (cookie.replace) out[cookie.name] = [];
    (out[cookie.name] ??= []).push({ name: cookie.name, value: cookie.value, replace: cookie.replace });
  }
  return out;
}

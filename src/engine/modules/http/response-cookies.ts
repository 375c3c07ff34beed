// `res.cookies`: the Set-Cookie headers of the final response in k6's shape (httpext.ResponseCookie).
import { Cookie } from 'tough-cookie';

/** One cookie as k6 shows it; `expires` is Unix milliseconds, 0 when unset. */
export interface ResponseCookie {
  readonly name: string;
  readonly value: string;
  readonly domain: string;
  readonly path: string;
  readonly http_only: boolean;
  readonly secure: boolean;
  readonly max_age: number;
  readonly expires: number;
}

/** name -> cookies, from the response's Set-Cookie lines; `hostname` is the domain of host-only cookies. */
export function parseResponseCookies(
  setCookies: readonly string[],
  hostname: string,
): Record<string, ResponseCookie[]> {
  const out: Record<string, ResponseCookie[]> = {};
  for (const line of setCookies) {
    const cookie = Cookie.parse(line, { loose: true });
    if (cookie === undefined) continue;
    const maxAge = typeof cookie.maxAge === 'number' && Number.isFinite(cookie.maxAge) ? cookie.maxAge : 0;
    (out[cookie.key] ??= []).push({
      name: cookie.key,
      value: unquoteCookieValue(cookie.value),
      domain: cookie.domain ?? hostname,
      path: cookie.path ?? '/',
      http_only: cookie.httpOnly,
      secure: cookie.secure,
      max_age: maxAge,
      expires: cookie.expires instanceof Date ? cookie.expires.getTime() : 0,
    });
  }
  return out;
}

/** Go's net/http drops the double quotes around a cookie value (`a="b c"` is `b c`). */
export function unquoteCookieValue(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** The Set-Cookie lines of undici's headers (lower-case names, repeated values as arrays). */
export function setCookieLines(headers: Record<string, string | string[] | undefined> | null): string[] {
  const value = headers?.['set-cookie'];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

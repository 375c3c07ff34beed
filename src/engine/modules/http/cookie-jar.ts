// k6/http's CookieJar (js/modules/k6/http/cookiejar.go) on tough-cookie: what scripts call (cookiesForURL,
// set, clear, delete) and what requests use (the Cookie header for a URL, storing Set-Cookie answers).
import { CookieJar as ToughJar, MemoryCookieStore } from 'tough-cookie';
import { unquoteCookieValue } from './response-cookies.ts';

/** jar.set's options, as k6 names them. */
interface SetOptions {
  domain?: string;
  path?: string;
  expires?: string;
  max_age?: number;
  secure?: boolean;
  http_only?: boolean;
}

/** A cookie jar: one per VU (renewed every iteration), or made by `new http.CookieJar()` (kept). */
export class K6CookieJar {
  readonly #jar = new ToughJar(new MemoryCookieStore(), {
    rejectPublicSuffixes: false,
    looseMode: true,
    allowSpecialUseDomain: true,
  });
  // Until something is stored, lookups are skipped: most load tests never see a cookie.
  #used = false;

  /** Cookies the jar would send to `url`, name -> values. */
  cookiesForURL(url: unknown): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const cookie of this.#jar.getCookiesSync(checkUrl(url)))
      (out[cookie.key] ??= []).push(unquoteCookieValue(cookie.value));
    return out;
  }

  /** Stores one cookie for `url`; k6 throws on an invalid URL. */
  set(url: unknown, name: unknown, value: unknown, options?: SetOptions | null): void {
    const href = checkUrl(url);
    const parts = [`${String(name)}=${String(value)}`];
    const o = options ?? {};
    if (o.domain) parts.push(`Domain=${o.domain}`);
    if (o.path) parts.push(`Path=${o.path}`);
    if (o.expires) parts.push(`Expires=${o.expires}`);
    if (o.max_age !== undefined && o.max_age !== 0) parts.push(`Max-Age=${o.max_age}`);
    if (o.secure) parts.push('Secure');
    if (o.http_only) parts.push('HttpOnly');
    this.#used = true;
    this.#jar.setCookieSync(parts.join('; '), href, { ignoreError: true });
  }

  /** Removes every cookie the jar would send to `url`. */
  clear(url: unknown): void {
    const href = checkUrl(url);
    for (const cookie of this.#jar.getCookiesSync(href))
      this.#expire(href, cookie.key, cookie.path, cookie.domain, cookie.hostOnly);
  }

  /** Removes the cookies named `name` the jar would send to `url`. */
  delete(url: unknown, name: unknown): void {
    const href = checkUrl(url);
    for (const cookie of this.#jar.getCookiesSync(href)) {
      if (cookie.key === String(name))
        this.#expire(href, cookie.key, cookie.path, cookie.domain, cookie.hostOnly);
    }
  }

  /** The `name=value; ...` pairs for a request to `href` (empty when none). */
  cookiePairs(href: string): { name: string; value: string }[] {
    if (!this.#used) return [];
    return this.#jar.getCookiesSync(href).map((c) => ({ name: c.key, value: c.value }));
  }

  /** Stores the Set-Cookie headers of a response from `href`; invalid ones are ignored, as Go's jar does. */
  store(href: string, setCookies: readonly string[]): void {
    if (setCookies.length === 0) return;
    this.#used = true;
    for (const line of setCookies) this.#jar.setCookieSync(line, href, { ignoreError: true });
  }

  #expire(
    href: string,
    key: string,
    path: string | null,
    domain: string | null,
    hostOnly: boolean | null,
  ): void {
    const scope = `${path ? `; Path=${path}` : ''}${domain && hostOnly === false ? `; Domain=${domain}` : ''}`;
    this.#jar.setCookieSync(`${key}=; Max-Age=0${scope}`, href, { ignoreError: true });
  }
}

function checkUrl(url: unknown): string {
  const text = String(url);
  try {
    return new URL(text).href;
  } catch {
    throw new Error(`invalid URL "${text}": a cookie jar needs an absolute URL`);
  }
}

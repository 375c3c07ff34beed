// Following redirects as Go's http.Client does (net/http/client.go redirectBehavior), one hop at a time.

/** The next hop of a redirect. */
export interface RedirectHop {
  readonly url: string;
  readonly method: string;
  readonly keepBody: boolean;
}

const SENSITIVE_ON_HOST_CHANGE = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2']);

/** The hop a response asks for, or null when it is not a followable redirect. */
export function planRedirect(
  status: number,
  method: string,
  location: string | undefined,
  currentHref: string,
): RedirectHop | null {
  if (location === undefined || location === '') return null; // Go never follows a 3xx without Location
  let keepBody: boolean;
  let nextMethod = method;
  if (status === 301 || status === 302 || status === 303) {
    keepBody = false;
    if (method !== 'GET' && method !== 'HEAD') nextMethod = 'GET';
  } else if (status === 307 || status === 308) {
    keepBody = true;
  } else {
    return null;
  }
  let url: string;
  try {
    url = new URL(location, currentHref).href;
  } catch {
    return null;
  }
  return { url, method: nextMethod, keepBody };
}

/** Headers for the next hop: credentials and cookies are not sent to another host, as in Go. */
export function redirectHeaderList(headerList: readonly string[], sameHost: boolean): readonly string[] {
  if (sameHost) return headerList;
  const out: string[] = [];
  for (let i = 0; i < headerList.length; i += 2) {
    const name = headerList[i] ?? '';
    if (!SENSITIVE_ON_HOST_CHANGE.has(name.toLowerCase())) out.push(name, headerList[i + 1] ?? '');
  }
  return out;
}

/** k6's warning when the default limit cut a chain (request.go CheckRedirect); `url` is the first hop's. */
export function redirectLimitWarning(hops: number, url: string): string {
  return `Stopped after ${hops} redirects and returned the redirection; pass { redirects: n } in request params or set global maxRedirects to silence this url="${url}"`;
}

// Request URLs parsed once per distinct string: the hot path then only does a Map lookup.

/** What a request needs from its URL. */
export interface Target {
  /** The URL as the script wrote it: `res.url` and the default `url`/`name` tags (password masked). */
  readonly tagUrl: string;
  /** The absolute, normalised URL, the base for resolving redirects. */
  readonly href: string;
  readonly origin: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  readonly host: string;
  readonly hostname: string;
  /** `Basic ...` from user:password in the URL, as Go's http.Client sends it. */
  readonly authorization: string | null;
}

/** The value `http.url\`...\`` returns: the URL plus a `name` tag with `${}` placeholders (k6's URL type). */
export class K6Url {
  constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  toString(): string {
    return this.url;
  }
}

/** http.url template tag: `http.url\`http://x/items/${id}\`` is named "http://x/items/${}". */
export function urlTemplate(strings: TemplateStringsArray, ...values: unknown[]): K6Url {
  let url = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) url += String(values[i]) + (strings[i + 1] ?? '');
  return new K6Url(strings.join('${}'), url);
}

/** Parses `raw`; throws an Error whose message is what k6 would report. */
export function parseTarget(raw: string): Target {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`invalid URL "${raw}": k6/http needs an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`unsupported protocol scheme "${url.protocol.slice(0, -1)}"`);
  }
  const hasUser = url.username !== '' || url.password !== '';
  return {
    tagUrl: url.password === '' ? raw : raw.replace(`:${url.password}@`, ':****@'),
    href: url.href,
    origin: url.origin,
    path: url.pathname + url.search,
    host: url.host,
    hostname: url.hostname,
    authorization: hasUser ? basicAuthorization(url) : null,
  };
}

function basicAuthorization(url: URL): string {
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/** A bounded cache of parsed targets; cleared when full rather than tracking recency. */
export class TargetCache {
  readonly #targets = new Map<string, Target>();

  constructor(private readonly maxEntries = 10_000) {}

  resolve(raw: string): Target {
    let target = this.#targets.get(raw);
    if (target === undefined) {
      target = parseTarget(raw);
      if (this.#targets.size >= this.maxEntries) this.#targets.clear();
      this.#targets.set(raw, target);
    }
    return target;
  }
}

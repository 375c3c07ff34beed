// Header names as Go's net/http exposes them (textproto.CanonicalMIMEHeaderKey), which k6 scripts index by.

/** Response headers as undici hands them over: lower-case names, repeated headers as arrays. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_CACHED = 2048;
const canonicalCache = new Map<string, string>();

/** "content-type" → "Content-Type"; names with non-token bytes stay as they are, as in Go. */
export function canonicalHeaderKey(key: string): string {
  const cached = canonicalCache.get(key);
  if (cached !== undefined) return cached;
  const canonical = computeCanonicalKey(key);
  if (canonicalCache.size < MAX_CACHED) canonicalCache.set(key, canonical);
  return canonical;
}

function computeCanonicalKey(key: string): string {
  if (!TOKEN.test(key)) return key;
  let out = '';
  let upper = true;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i] ?? '';
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

/** k6's `res.headers`: canonical names, repeated values joined with ", ". */
export function toResponseHeaders(headers: IncomingHeaders | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null) return out;
  for (const key in headers) {
    const value = headers[key];
    if (value === undefined) continue;
    out[canonicalHeaderKey(key)] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

/** The first value of a response header, by lower-case name. */
export function headerValue(headers: IncomingHeaders | null, lowerName: string): string | undefined {
  const value = headers?.[lowerName];
  return typeof value === 'string' ? value : value?.[0];
}

/** A flat [name, value, ...] list without the headers named `lowerName` (any case). */
export function withoutHeader(list: readonly string[], lowerName: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i += 2) {
    if ((list[i] ?? '').toLowerCase() !== lowerName) out.push(list[i] ?? '', list[i + 1] ?? '');
  }
  return out;
}

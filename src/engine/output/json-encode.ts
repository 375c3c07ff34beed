// Cheap JSON building for the per-sample hot path: tag keys and values repeat, so their quoted forms are cached.

const MAX_CACHED = 50_000;
const quoted = new Map<string, string>();

/** A JSON string literal for `text`. */
export function quoteJson(text: string): string {
  let result = quoted.get(text);
  if (result !== undefined) return result;
  result = needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
  // High-cardinality values (e.g. unique URLs) would grow the cache without bound; start over instead.
  if (quoted.size >= MAX_CACHED) quoted.clear();
  quoted.set(text, result);
  return result;
}

// Quote, backslash, control characters and surrogates (lone ones must be escaped) go through JSON.stringify.
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** A JSON object for a string map with keys sorted, as Go writes k6 tag sets. */
export function formatStringMap(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map);
  if (keys.length === 0) return '{}';
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += quoteJson(key) + ':' + quoteJson(String(map[key]));
  }
  return out + '}';
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  }
  return true;
}

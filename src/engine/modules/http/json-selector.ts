// A subset of gjson paths (github.com/tidwall/gjson), which k6's res.json(selector) uses.

const UNSUPPORTED = /[*?|@]|#\(/;

/**
 * Supports dotted keys ("a.b"), array indexes ("items.0.id"), "#" for an array's length, "#.key" to map
 * over an array, and "\." for a literal dot. Wildcards, queries, pipes and modifiers throw.
 * Returns undefined where gjson finds nothing.
 */
export function selectJson(root: unknown, selector: string): unknown {
  if (UNSUPPORTED.test(selector.replace(/\\./g, ''))) {
    throw new Error(
      `res.json("${selector}"): wildcards, queries, pipes and modifiers of gjson paths are not supported by ` +
        "inferload's embedded engine; use dotted keys, indexes, '#' or '#.key'",
    );
  }
  return selectParts(root, splitPath(selector));
}

function splitPath(selector: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '\\' && i + 1 < selector.length) current += selector[++i];
    else if (ch === '.') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function selectParts(value: unknown, parts: readonly string[]): unknown {
  let current = value;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (Array.isArray(current)) {
      if (part === '#') {
        if (i === parts.length - 1) return current.length;
        const rest = parts.slice(i + 1);
        return current.map((item) => selectParts(item, rest)).filter((item) => item !== undefined);
      }
      if (!/^\d+$/.test(part)) return undefined;
      current = current[Number(part)];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

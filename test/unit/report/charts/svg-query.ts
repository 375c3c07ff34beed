// Tiny SVG-string queries for the chart tests: elements with their attributes, and a well-formedness check.

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  /** Offset of the element's start tag in the markup. */
  at: number;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every start tag named `tag` (or all with '*'), in document order. */
export function findElements(svg: string, tag: string): Element[] {
  const found: Element[] = [];
  for (const match of svg.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*\/?>/g)) {
    const name = match[1] ?? '';
    if (tag !== '*' && name !== tag) continue;
    const attrs: Record<string, string> = {};
    for (const attr of (match[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attrs[attr[1] ?? ''] = unescape(attr[2] ?? '');
    }
    found.push({ tag: name, attrs, at: match.index });
  }
  return found;
}

/** The elements carrying data-series, with their name and point count. */
export function seriesOf(svg: string): { name: string; points: number; tag: string }[] {
  return findElements(svg, '*')
    .filter((el) => el.attrs['data-series'] !== undefined)
    .map((el) => ({
      name: el.attrs['data-series'] ?? '',
      points: Number(el.attrs['data-points']),
      tag: el.tag,
    }));
}

/** The x,y pairs of an "M x y L x y ..." path. */
export function pathPoints(d: string): { command: string; x: number; y: number }[] {
  return [...d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({
    command: m[1] ?? '',
    x: Number(m[2]),
    y: Number(m[3]),
  }));
}

/** Throws unless every tag is closed in order and nothing but known markup starts with '<'. */
export function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tokens = svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>|<|>/g);
  for (const token of tokens) {
    if (token[0] === '<' || token[0] === '>') throw new Error(`stray ${token[0]} at ${token.index}`);
    const [, closing, name = '', , selfClosing] = token;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element at ${token.index}`);
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
}

/** The item at `index`, failing the test when there is none. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index} of ${items.length}`);
  return item;
}

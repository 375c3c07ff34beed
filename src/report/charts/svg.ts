// Escaping and element builders for hand-written SVG.

/** Attribute values: strings are escaped, numbers rounded, `undefined` and `false` leave the attribute out. */
export type SvgAttrs = Record<string, string | number | boolean | undefined>;

/** Escapes text for XML content and attribute values, dropping the control characters XML forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** A coordinate with at most two decimals and no trailing zeros; non-finite numbers become 0. */
export function formatCoord(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** Serialises attributes as ` name="value"` pairs, escaping every value. */
export function renderAttrs(attrs: SvgAttrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    const text = value === true ? '' : typeof value === 'number' ? formatCoord(value) : escapeXml(value);
    out += ` ${name}="${text}"`;
  }
  return out;
}

/** An element whose children are already-built markup; with no children it self-closes. */
export function svgEl(tag: string, attrs: SvgAttrs = {}, ...children: string[]): string {
  const inner = children.join('');
  return inner === '' ? `<${tag}${renderAttrs(attrs)}/>` : `<${tag}${renderAttrs(attrs)}>${inner}</${tag}>`;
}

/** A <text> element holding escaped plain text. */
export function svgText(attrs: SvgAttrs, text: string): string {
  return `<text${renderAttrs(attrs)}>${escapeXml(text)}</text>`;
}

/** A <title> element (a native tooltip, or the accessible name of its parent). */
export function svgTitle(text: string, attrs: SvgAttrs = {}): string {
  return `<title${renderAttrs(attrs)}>${escapeXml(text)}</title>`;
}

/** A fragment-safe id built from user text, for ids and url(#...) references inside one chart. */
export function toSafeId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const cleaned = text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `c-${cleaned}-${(hash >>> 0).toString(36)}`;
}

// Request bodies as k6 encodes them (js/modules/k6/http/request.go parseRequest).
import { notImplemented } from '../not-implemented.ts';

/** A body ready for undici, with the text `res.request.body` shows and a default Content-Type. */
export interface EncodedBody {
  readonly bytes: Buffer | null;
  readonly text: string;
  readonly contentType: string | null;
}

const NO_BODY: EncodedBody = { bytes: null, text: '', contentType: null };
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Strings and binary as they are; a plain object becomes a form, sorted by key as Go's url.Values does. */
export function encodeBody(body: unknown): EncodedBody {
  if (body === undefined || body === null) return NO_BODY;
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), text: body, contentType: null };
  if (body instanceof ArrayBuffer) return binaryBody(Buffer.from(body));
  if (ArrayBuffer.isView(body)) return binaryBody(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  if (typeof body === 'object' && !Array.isArray(body)) {
    const text = encodeForm(body as Record<string, unknown>);
    return { bytes: Buffer.from(text, 'utf8'), text, contentType: FORM_CONTENT_TYPE };
  }
  throw new Error(`unknown request body type ${Array.isArray(body) ? 'array' : typeof body}`);
}

function binaryBody(bytes: Buffer): EncodedBody {
  return { bytes, text: bytes.toString('latin1'), contentType: null };
}

/** `a=1&b=x+y`: Go's url.Values.Encode; array values repeat the key. */
export function encodeForm(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(data).sort()) {
    const value = data[key];
    const escapedKey = queryEscape(key);
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) parts.push(`${escapedKey}=${queryEscape(formatFormValue(item))}`);
  }
  return parts.join('&');
}

function formatFormValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'; // Go's %v of a nil interface
  if (typeof value === 'object' && value.constructor?.name === 'FileData')
    throw notImplemented('k6/http', 'file');
  return String(value);
}

/** Go's url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay, a space becomes '+'. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

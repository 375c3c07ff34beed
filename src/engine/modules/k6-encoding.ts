// The `k6/encoding` module: b64encode / b64decode with Go's four base64 flavours (std, rawstd, url, rawurl).
import { toArrayBuffer, toBytes } from './to-bytes.ts';

type Flavour = 'std' | 'rawstd' | 'url' | 'rawurl';

// Go's decoders are strict: one alphabet, padding exactly when the flavour has it, and \r \n ignored.
const ALPHABET: Record<Flavour, RegExp> = {
  std: /^[A-Za-z0-9+/]*={0,2}$/,
  rawstd: /^[A-Za-z0-9+/]*$/,
  url: /^[A-Za-z0-9_-]*={0,2}$/,
  rawurl: /^[A-Za-z0-9_-]*$/,
};

/** Anything but the four names is `std`, as in k6 (encoding.go). */
function flavourOf(encoding: unknown): Flavour {
  return encoding === 'rawstd' || encoding === 'url' || encoding === 'rawurl' ? encoding : 'std';
}

/** k6's b64encode: a string (UTF-8) or binary input, in the flavour asked for (std by default). */
export function b64encode(input: unknown, encoding?: string): string {
  const flavour = flavourOf(encoding);
  const bytes = toBytes(input, 'b64encode');
  const text = bytes.toString(flavour === 'std' || flavour === 'rawstd' ? 'base64' : 'base64url');
  const padded = flavour === 'std' || flavour === 'url';
  // Node's base64url never pads and its base64 always does: add or strip to match Go's encoders.
  if (!padded) return text.replace(/=+$/, '');
  return text.padEnd(Math.ceil(text.length / 4) * 4, '=');
}

/** k6's b64decode: an ArrayBuffer, or a string when `format` is "s"; malformed input throws as Go's decoder. */
export function b64decode(input: unknown, encoding?: string, format?: string): ArrayBuffer | string {
  const flavour = flavourOf(encoding);
  const text = String(input).replace(/[\r\n]/g, '');
  const padded = flavour === 'std' || flavour === 'url';
  const badLength = padded ? text.length % 4 !== 0 : text.length % 4 === 1;
  if (!ALPHABET[flavour].test(text) || badLength) {
    throw new Error(`illegal base64 data at input byte ${firstBadByte(text, flavour)}`);
  }
  const bytes = Buffer.from(text, flavour === 'std' || flavour === 'rawstd' ? 'base64' : 'base64url');
  return format === 's' ? bytes.toString('utf8') : toArrayBuffer(bytes);
}

function firstBadByte(text: string, flavour: Flavour): number {
  const allowed = flavour === 'std' || flavour === 'rawstd' ? /[A-Za-z0-9+/]/ : /[A-Za-z0-9_-]/;
  for (let i = 0; i < text.length; i += 1) {
    if (!allowed.test(text[i] ?? '')) return i;
  }
  return text.length;
}

/** Creates the `k6/encoding` module (stateless, so every VU may share its functions). */
export function createEncodingModule(): Record<string, unknown> {
  const api = { b64encode, b64decode };
  return { ...api, default: api };
}

// k6's common.ToBytes: the inputs its encoding and crypto APIs accept, as bytes.

/** A string (as UTF-8), an ArrayBuffer, a typed array or DataView, or an array of byte values, as a Buffer. */
export function toBytes(input: unknown, api: string): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (Array.isArray(input) && input.every((v) => Number.isInteger(v) && v >= 0 && v <= 255))
    return Buffer.from(input as number[]);
  throw new TypeError(`${api}: invalid type ${describeType(input)}, expected string, []byte or ArrayBuffer`);
}

/** A copy of `bytes` as a standalone ArrayBuffer, which is what k6 hands scripts for binary data. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

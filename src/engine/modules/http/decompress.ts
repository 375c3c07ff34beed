// k6 transparently decodes Content-Encoding gzip/deflate/br (lib/netext/httpext/compression.go).
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { DECOMPRESSION_ERROR_CODE, type K6ErrorInfo } from './error-codes.ts';

/** The decoded body, or the k6 error (1701) when decoding fails. */
export type DecodeResult =
  { readonly body: Buffer; readonly error: null } | { readonly body: null; readonly error: K6ErrorInfo };

/** Undoes each encoding, last applied first; unknown encodings leave the body as it is (as k6 does). */
export function decodeContent(body: Buffer, contentEncoding: string): DecodeResult {
  const encodings = contentEncoding.split(',');
  let out = body;
  try {
    for (let i = encodings.length - 1; i >= 0; i--) {
      const encoding = (encodings[i] ?? '').trim().toLowerCase();
      if (encoding === 'gzip' || encoding === 'x-gzip') out = gunzipSync(out);
      else if (encoding === 'deflate') out = inflateSync(out);
      else if (encoding === 'br') out = brotliDecompressSync(out);
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      body: null,
      error: { code: DECOMPRESSION_ERROR_CODE, message: `error decompressing response body (${reason})` },
    };
  }
  return { body: out, error: null };
}

// Decompresses a gzip file chunk by chunk and, where the stream is damaged, stops there and says how, keeping
// everything decoded before the damage (zlib's own stream would drop its buffered output with the error).
import { createReadStream } from 'node:fs';
import { createGunzip, type Gunzip } from 'node:zlib';

const TRAILER_BYTES = 8;

/** Why a gzip stream could not be read to its end. */
export type GzipDamage =
  | { kind: 'empty' }
  | { kind: 'not-gzip'; reason: string }
  /** Decoding failed somewhere in bytes [from, to) of the file; everything before `from` was decoded. */
  | { kind: 'corrupt'; reason: string; from: number; to: number }
  /** Everything decoded, but the trailer's checksum or length disagrees: some of the data is not what was written. */
  | { kind: 'checksum'; reason: string }
  /** The data stops before the gzip trailer (a killed writer): everything it holds was decoded. */
  | { kind: 'cut' };

/** Filled in as the file is read. */
export interface GunzipState {
  damage?: GzipDamage;
  /** Compressed bytes read from the file. */
  compressedBytes: number;
}

/** Yields the decompressed bytes of a gzip file; damage ends the stream normally and is recorded in `state`. */
export async function* gunzipFile(path: string, state: GunzipState): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const out: Buffer[] = [];
  let failure: (Error & { code?: string }) | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  gunzip.on('data', (chunk: Buffer) => out.push(chunk));
  gunzip.on('error', (error: Error) => {
    failure ??= error;
    wake?.();
  });
  gunzip.on('end', () => {
    ended = true;
    wake?.();
  });
  let written = 0;
  const write = async (bytes: Buffer): Promise<boolean> => {
    const from = written;
    written += bytes.length;
    await settle(gunzip, (resolve) => {
      wake = resolve;
      gunzip.write(bytes, () => resolve());
    });
    if (failure) state.damage = classify(failure, gunzip, from, written);
    return failure === undefined;
  };
  // The last 8 bytes may be the trailer: they go in on their own, so that a bad checksum costs no decoded data.
  let tail = Buffer.alloc(0);
  // One write in flight while the output of the ones before is handed out: zlib works while the reader parses.
  let pending: Promise<boolean> = Promise.resolve(true);
  try {
    for await (const chunk of createReadStream(path)) {
      state.compressedBytes += (chunk as Buffer).length;
      const bytes = Buffer.concat([tail, chunk as Buffer]);
      tail = bytes.subarray(Math.max(0, bytes.length - TRAILER_BYTES));
      const body = bytes.subarray(0, bytes.length - tail.length);
      if (body.length === 0) continue;
      const ok = await pending;
      if (!ok) break;
      pending = write(body);
      yield* out.splice(0);
    }
    const ok = (await pending) && (tail.length === 0 || (await write(tail)));
    yield* out.splice(0);
    if (!ok) return;
    // zlib reports a missing trailer only once the input is ended, after 'finish': wait for 'end' or the error.
    await settle(gunzip, (resolve) => {
      wake = resolve;
      if (ended || failure) resolve();
      gunzip.end();
    });
    yield* out.splice(0);
    if (failure) state.damage = classify(failure, gunzip, written, written);
  } finally {
    gunzip.destroy();
  }
}

// Output already pushed is handed out via 'data' before the write callback; one more turn flushes any that waited.
async function settle(gunzip: Gunzip, start: (resolve: () => void) => void): Promise<void> {
  await new Promise<void>(start);
  if (gunzip.readableLength > 0) await new Promise((resolve) => setImmediate(resolve));
}

function classify(error: Error & { code?: string }, gunzip: Gunzip, from: number, to: number): GzipDamage {
  if (to === 0) return { kind: 'empty' };
  if (error.code === 'Z_BUF_ERROR') return { kind: 'cut' };
  if (/^incorrect (data|length) check$/.test(error.message))
    return { kind: 'checksum', reason: error.message };
  // bytesWritten counts the input zlib decoded without complaint, to the last 16 KiB of output.
  const decoded = Math.max(from, gunzip.bytesWritten);
  if (decoded === 0) return { kind: 'not-gzip', reason: error.message };
  return { kind: 'corrupt', reason: error.message, from: decoded, to: Math.max(to, decoded + 1) };
}

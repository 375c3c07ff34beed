// MD4 (RFC 1320): k6/crypto offers it, and Node's OpenSSL 3 no longer does without the legacy provider.

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

const ROUND2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];

/** The MD4 digest of `message` (16 bytes). */
export function md4(message: Uint8Array): Buffer {
  const bitLength = message.length * 8;
  const padded = Buffer.alloc((((message.length + 8) >> 6) + 1) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  padded.writeUInt32LE(bitLength >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bitLength / 2 ** 32), padded.length - 4);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const x = new Array<number>(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i += 1) x[i] = padded.readUInt32LE(block + i * 4);
    let [a, b, c, d] = h as [number, number, number, number];
    const word = (i: number): number => x[i] ?? 0;
    for (let i = 0; i < 16; i += 1) {
      const t = rotl((a + ((b & c) | (~b & d)) + word(i)) | 0, [3, 7, 11, 19][i % 4] ?? 0);
      [a, b, c, d] = [d, t, b, c];
    }
    for (let i = 0; i < 16; i += 1) {
      const f = (b & c) | (b & d) | (c & d);
      const t = rotl((a + f + word(ROUND2[i] ?? 0) + 0x5a827999) | 0, [3, 5, 9, 13][i % 4] ?? 0);
      [a, b, c, d] = [d, t, b, c];
    }
    for (let i = 0; i < 16; i += 1) {
      const t = rotl((a + (b ^ c ^ d) + word(ROUND3[i] ?? 0) + 0x6ed9eba1) | 0, [3, 9, 11, 15][i % 4] ?? 0);
      [a, b, c, d] = [d, t, b, c];
    }
    h[0] = ((h[0] ?? 0) + a) | 0;
    h[1] = ((h[1] ?? 0) + b) | 0;
    h[2] = ((h[2] ?? 0) + c) | 0;
    h[3] = ((h[3] ?? 0) + d) | 0;
  }
  const out = Buffer.alloc(16);
  h.forEach((v, i) => out.writeInt32LE(v, i * 4));
  return out;
}

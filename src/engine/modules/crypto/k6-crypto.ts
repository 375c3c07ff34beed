// The `k6/crypto` module: one-shot digests, HMAC, incremental hashers, randomBytes and hexEncode.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { toArrayBuffer, toBytes } from '../to-bytes.ts';
import { HASH_ALGORITHMS, type HashState, createHashState } from './hash-state.ts';

/** k6's digest encodings: a string for each, an ArrayBuffer for "binary"; anything else throws. */
function encodeDigest(sum: Buffer, encoding: unknown): string | ArrayBuffer {
  switch (encoding) {
    case 'hex':
      return sum.toString('hex');
    case 'base64':
      return sum.toString('base64');
    case 'base64url':
      // Go's URLEncoding pads; Node's base64url does not.
      return sum.toString('base64url').padEnd(Math.ceil(sum.length / 3) * 4, '=');
    case 'base64rawurl':
      return sum.toString('base64url');
    case 'binary':
      return toArrayBuffer(sum);
    default:
      throw new Error(`invalid output encoding: ${String(encoding)}`);
  }
}

/** k6's Hasher: `update` as often as needed, `digest(encoding)` any number of times. */
export class Hasher {
  constructor(private readonly state: HashState) {}

  update(input: unknown): void {
    this.state.update(toBytes(input, 'update'));
  }

  digest(encoding: string): string | ArrayBuffer {
    return encodeDigest(this.state.sum(), encoding);
  }
}

/** createHash(algorithm): a Hasher; an unknown algorithm throws "invalid algorithm: name". */
export function createHash(algorithm: string): Hasher {
  return new Hasher(createHashState(algorithm));
}

/** createHMAC(algorithm, secret): a keyed Hasher. */
export function createHMAC(algorithm: string, secret: unknown): Hasher {
  return new Hasher(createHashState(algorithm, toBytes(secret, 'createHMAC')));
}

/** hmac(algorithm, secret, data, encoding): a one-shot HMAC. */
export function hmac(
  algorithm: string,
  secret: unknown,
  data: unknown,
  encoding: string,
): string | ArrayBuffer {
  const hasher = createHMAC(algorithm, secret);
  hasher.update(data);
  return hasher.digest(encoding);
}

/** randomBytes(size): an ArrayBuffer of `size` random bytes; size below 1 throws "invalid size". */
export function randomBytes(size: number): ArrayBuffer {
  if (!Number.isInteger(size) || size < 1) throw new Error('invalid size');
  return toArrayBuffer(nodeRandomBytes(size));
}

/** hexEncode(data): the bytes of a string, array or ArrayBuffer as lower-case hex. */
export function hexEncode(data: unknown): string {
  return toBytes(data, 'hexEncode').toString('hex');
}

/** Creates the `k6/crypto` module: md4 ... ripemd160 as one-shot functions, plus the helpers above. */
export function createCryptoModule(): Record<string, unknown> {
  const digests = Object.fromEntries(
    HASH_ALGORITHMS.map((name) => {
      const digest = (input: unknown, encoding: string): string | ArrayBuffer => {
        const hasher = createHash(name);
        hasher.update(input);
        return hasher.digest(encoding);
      };
      return [name, digest];
    }),
  );
  const api = { ...digests, createHash, createHMAC, hmac, randomBytes, hexEncode };
  return { ...api, default: api };
}

// A running hash or HMAC that can be summed more than once, as Go's hash.Hash (k6's Hasher wraps one).
import { type Hash, type Hmac, createHash, createHmac } from 'node:crypto';
import { md4 } from './md4.ts';

/** k6's algorithm names, and Node's for each (md4 is computed here: OpenSSL 3 dropped it). */
const NODE_NAMES: Record<string, string> = {
  md4: 'md4',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha512_224: 'sha512-224',
  sha512_256: 'sha512-256',
  ripemd160: 'ripemd160',
};

/** The algorithm names k6/crypto accepts. */
export const HASH_ALGORITHMS = Object.keys(NODE_NAMES);

/** Data fed so far, summed on demand without ending the state. */
export interface HashState {
  update(data: Buffer): void;
  sum(): Buffer;
}

/** A hash state for a k6 algorithm name, keyed (HMAC) when `key` is given; an unknown name throws as k6. */
export function createHashState(algorithm: string, key?: Buffer): HashState {
  const name = NODE_NAMES[algorithm];
  if (name === undefined) throw new Error(`invalid algorithm: ${algorithm}`);
  if (name === 'md4') return key ? md4Hmac(key) : md4State();
  const state: Hash | Hmac = key ? createHmac(name, key) : createHash(name);
  if (!key) {
    const hash = state as Hash;
    return { update: (data) => void hash.update(data), sum: () => hash.copy().digest() };
  }
  // An Hmac cannot be copied: keep the data and recompute (scripts feed small messages).
  const chunks: Buffer[] = [];
  return {
    update: (data) => void chunks.push(data),
    sum: () => createHmac(name, key).update(Buffer.concat(chunks)).digest(),
  };
}

function md4State(): HashState {
  const chunks: Buffer[] = [];
  return { update: (data) => void chunks.push(data), sum: () => md4(Buffer.concat(chunks)) };
}

// RFC 2104 over MD4's 64-byte block.
function md4Hmac(key: Buffer): HashState {
  const block = Buffer.alloc(64);
  (key.length > 64 ? md4(key) : key).copy(block);
  const inner = Buffer.from(block.map((b) => b ^ 0x36));
  const outer = Buffer.from(block.map((b) => b ^ 0x5c));
  const chunks: Buffer[] = [];
  return {
    update: (data) => void chunks.push(data),
    sum: () => md4(Buffer.concat([outer, md4(Buffer.concat([inner, ...chunks]))])),
  };
}

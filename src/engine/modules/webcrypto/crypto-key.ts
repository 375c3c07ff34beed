// WebCrypto keys as k6 hands them to scripts: plain objects whose type, algorithm and usages print.
import { webcrypto } from 'node:crypto';

type NodeKey = webcrypto.CryptoKey;

const nodeKeys = new WeakMap<object, NodeKey>();

/**
 * k6's CryptoKey: `type`, `extractable`, `algorithm` and `usages` are plain own properties, so
 * `JSON.stringify(key)` and `console.log(key)` show them as k6 does (Node's own keys print `{}`).
 */
export class CryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: Record<string, unknown>;
  readonly usages: string[];

  constructor(key: NodeKey) {
    this.type = key.type;
    this.extractable = key.extractable;
    this.algorithm = orderAlgorithm(key.algorithm as unknown as Record<string, unknown>);
    this.usages = [...key.usages];
    nodeKeys.set(this, key);
  }
}

/** A key pair as generateKey returns it for asymmetric algorithms. */
export interface CryptoKeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/** k6's field order (its Go structs): the name first; an HMAC key's hash before its length. */
function orderAlgorithm(algorithm: Record<string, unknown>): Record<string, unknown> {
  const { name, hash, length, ...rest } = algorithm;
  const ordered: Record<string, unknown> = { name };
  if (hash !== undefined) ordered['hash'] = { ...(hash as object) };
  if (length !== undefined) ordered['length'] = length;
  for (const [key, value] of Object.entries(rest)) ordered[key] = value;
  if (name !== 'HMAC' && hash !== undefined) {
    // Only HMAC lists hash first; RSA keys list modulusLength and publicExponent before it.
    delete ordered['hash'];
    ordered['hash'] = { ...(hash as object) };
  }
  return ordered;
}

/** Node's key behind a script's CryptoKey (keys from elsewhere are passed through for Node to judge). */
export function unwrapKey(value: unknown): unknown {
  if (value instanceof CryptoKey) return nodeKeys.get(value);
  return value;
}

// Node 20 has no CryptoKey export (only a global in some versions): its keys carry the tag.
function isNodeKey(value: unknown): value is NodeKey {
  return !(value instanceof CryptoKey) && Object.prototype.toString.call(value) === '[object CryptoKey]';
}

/** A result of generateKey / importKey / unwrapKey / deriveKey, with Node's keys wrapped as k6's. */
export function wrapKeys(value: unknown): unknown {
  if (isNodeKey(value)) return new CryptoKey(value);
  if (typeof value === 'object' && value !== null && 'publicKey' in value && 'privateKey' in value) {
    const pair = value as { publicKey: NodeKey; privateKey: NodeKey };
    return { publicKey: new CryptoKey(pair.publicKey), privateKey: new CryptoKey(pair.privateKey) };
  }
  return value;
}

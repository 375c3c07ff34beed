// crypto.subtle as k6 exposes it: Node's WebCrypto underneath, keys in k6's printable shape.
import { webcrypto } from 'node:crypto';
import { type CryptoKey, unwrapKey, wrapKeys } from './crypto-key.ts';

type Args = unknown[];

/** An algorithm parameter with an ECDH `public` key of ours swapped for Node's. */
function unwrapAlgorithm(algorithm: unknown): unknown {
  if (typeof algorithm === 'object' && algorithm !== null && 'public' in algorithm) {
    return { ...algorithm, public: unwrapKey((algorithm as { public: unknown }).public) };
  }
  return algorithm;
}

function call(method: keyof webcrypto.SubtleCrypto, args: Args): Promise<unknown> {
  const fn = webcrypto.subtle[method] as unknown as (...a: Args) => Promise<unknown>;
  return fn.apply(webcrypto.subtle, args).then(wrapKeys);
}

type Method =
  | 'digest'
  | 'generateKey'
  | 'importKey'
  | 'exportKey'
  | 'sign'
  | 'verify'
  | 'encrypt'
  | 'decrypt'
  | 'deriveBits'
  | 'deriveKey'
  | 'wrapKey'
  | 'unwrapKey';

/** SubtleCrypto's methods as scripts call them. */
export type K6SubtleCrypto = Record<Method, (...args: Args) => Promise<unknown>>;

/** k6's SubtleCrypto: every method returns a promise, as in k6 and in browsers. */
export function createSubtleCrypto(): K6SubtleCrypto {
  return {
    digest: (algorithm, data) => call('digest', [algorithm, data]),
    generateKey: (algorithm, extractable, usages) => call('generateKey', [algorithm, extractable, usages]),
    importKey: (format, keyData, algorithm, extractable, usages) =>
      call('importKey', [format, keyData, algorithm, extractable, usages]),
    exportKey: (format, key) => call('exportKey', [format, unwrapKey(key)]),
    sign: (algorithm, key, data) => call('sign', [algorithm, unwrapKey(key), data]),
    verify: (algorithm, key, signature, data) => call('verify', [algorithm, unwrapKey(key), signature, data]),
    encrypt: (algorithm, key, data) => call('encrypt', [algorithm, unwrapKey(key), data]),
    decrypt: (algorithm, key, data) => call('decrypt', [algorithm, unwrapKey(key), data]),
    deriveBits: (algorithm, baseKey, length) =>
      call('deriveBits', [unwrapAlgorithm(algorithm), unwrapKey(baseKey), length]),
    deriveKey: (algorithm, baseKey, derived, extractable, usages) =>
      call('deriveKey', [unwrapAlgorithm(algorithm), unwrapKey(baseKey), derived, extractable, usages]),
    wrapKey: (format, key, wrappingKey, algorithm) =>
      call('wrapKey', [format, unwrapKey(key), unwrapKey(wrappingKey), algorithm]),
    unwrapKey: (format, wrapped, unwrappingKey, unwrapAlgo, keyAlgo, extractable, usages) =>
      call('unwrapKey', [
        format,
        wrapped,
        unwrapKey(unwrappingKey),
        unwrapAlgo,
        keyAlgo,
        extractable,
        usages,
      ]),
  };
}

/** The global `crypto` k6 gives scripts: getRandomValues, randomUUID and subtle. */
export interface K6WebCrypto {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
  randomUUID(): string;
  subtle: K6SubtleCrypto;
}

/** Makes the `crypto` global (k6 v1 has it on globalThis; k6/experimental/webcrypto exported it before). */
export function createWebCrypto(): K6WebCrypto {
  return {
    getRandomValues: (array) => webcrypto.getRandomValues(array as never) as typeof array,
    randomUUID: () => webcrypto.randomUUID(),
    subtle: createSubtleCrypto(),
  };
}

export type { CryptoKey };

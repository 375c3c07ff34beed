// WebCrypto as k6 exposes it: keys print type, extractable, algorithm and usages; operations round-trip.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebCrypto } from '../../../../src/engine/modules/webcrypto/subtle-crypto.ts';
import { CryptoKey } from '../../../../src/engine/modules/webcrypto/crypto-key.ts';

const crypto = createWebCrypto();
const subtle = crypto.subtle;
const text = new TextEncoder().encode('hello k6');

describe('k6 WebCrypto', () => {
  it("prints a generated HMAC key as k6 does (name, hash, length), not as Node's empty object", async () => {
    const key = await subtle.generateKey({ name: 'HMAC', hash: { name: 'SHA-256' } }, true, [
      'sign',
      'verify',
    ]);
    assert.ok(key instanceof CryptoKey);
    assert.equal(
      JSON.stringify(key),
      '{"type":"secret","extractable":true,"algorithm":{"name":"HMAC","hash":{"name":"SHA-256"},"length":512},"usages":["sign","verify"]}',
    );
  });

  it('signs and verifies with HMAC, and a changed message fails verification', async () => {
    const raw = new Uint8Array(32).fill(7);
    const key = await subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    const signature = (await subtle.sign('HMAC', key, text)) as ArrayBuffer;
    assert.equal(signature.byteLength, 32);
    assert.equal(await subtle.verify('HMAC', key, signature, text), true);
    assert.equal(await subtle.verify('HMAC', key, signature, new TextEncoder().encode('other')), false);
    await assert.rejects(subtle.exportKey('raw', key), /not extractable/);
  });

  it('encrypts and decrypts with AES-GCM and exports the key as JWK', async () => {
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    assert.deepEqual((key as CryptoKey).algorithm, { name: 'AES-GCM', length: 256 });
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, key, text);
    const opened = await subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
    assert.equal(new TextDecoder().decode(opened as ArrayBuffer), 'hello k6');
    const jwk = (await subtle.exportKey('jwk', key)) as { kty: string; alg: string };
    assert.deepEqual([jwk.kty, jwk.alg], ['oct', 'A256GCM']);
  });

  it('makes ECDSA key pairs whose halves print their type and curve, and ECDH derives the same bits', async () => {
    const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as {
      publicKey: CryptoKey;
      privateKey: CryptoKey;
    };
    assert.deepEqual(JSON.parse(JSON.stringify(pair.publicKey)), {
      type: 'public',
      extractable: true,
      algorithm: { name: 'ECDSA', namedCurve: 'P-256' },
      usages: ['verify'],
    });
    const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, text);
    assert.equal(
      await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, signature, text),
      true,
    );
    const ecdh = { name: 'ECDH', namedCurve: 'P-256' };
    const a = (await subtle.generateKey(ecdh, false, ['deriveBits'])) as {
      publicKey: CryptoKey;
      privateKey: CryptoKey;
    };
    const b = (await subtle.generateKey(ecdh, false, ['deriveBits'])) as {
      publicKey: CryptoKey;
      privateKey: CryptoKey;
    };
    const ab = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 256);
    const ba = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 256);
    assert.deepEqual(new Uint8Array(ab as ArrayBuffer), new Uint8Array(ba as ArrayBuffer));
  });

  it('digests, fills random values and makes v4 UUIDs', async () => {
    const digest = (await subtle.digest('SHA-256', text)) as ArrayBuffer;
    assert.equal(digest.byteLength, 32);
    const values = crypto.getRandomValues(new Uint32Array(8));
    assert.equal(values.length, 8);
    assert.match(
      crypto.randomUUID(),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

// k6/crypto: digests (md4 included), HMAC, incremental hashers, encodings, randomBytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash as nodeHash } from 'node:crypto';
import { createCryptoModule } from '../../../../src/engine/modules/crypto/k6-crypto.ts';
import { md4 } from '../../../../src/engine/modules/crypto/md4.ts';

type Digest = (input: unknown, encoding: string) => string | ArrayBuffer;
type Hasher = { update(input: unknown): void; digest(encoding: string): string | ArrayBuffer };
const crypto = createCryptoModule() as Record<string, unknown> & {
  hmac(alg: string, secret: unknown, data: unknown, enc: string): string | ArrayBuffer;
  createHash(alg: string): Hasher;
  createHMAC(alg: string, secret: unknown): Hasher;
  randomBytes(size: number): ArrayBuffer;
  hexEncode(data: unknown): string;
};
const digest = (name: string): Digest => crypto[name] as Digest;

describe('k6/crypto', () => {
  it('computes MD4 as RFC 1320 section A.5', () => {
    const vectors: [string, string][] = [
      ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
      ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
      ['message digest', 'd9130a8164549fe818874806e1c7014b'],
      ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
    ];
    for (const [input, hex] of vectors) assert.equal(md4(Buffer.from(input)).toString('hex'), hex, input);
    assert.equal(digest('md4')('abc', 'hex'), 'a448017aaf21d8525fc10ae87aa6729d');
  });

  it('gives every k6 algorithm the digest Node computes', () => {
    const node: Record<string, string> = {
      md5: 'md5',
      sha1: 'sha1',
      sha256: 'sha256',
      sha384: 'sha384',
      sha512: 'sha512',
      sha512_224: 'sha512-224',
      sha512_256: 'sha512-256',
      ripemd160: 'ripemd160',
    };
    for (const [k6Name, nodeName] of Object.entries(node)) {
      assert.equal(
        digest(k6Name)('hello world', 'hex'),
        nodeHash(nodeName).update('hello world').digest('hex'),
      );
    }
  });

  it('encodes as hex, base64, base64url (padded), base64rawurl and binary; rejects others', () => {
    const sum = nodeHash('md5').update('x').digest();
    assert.equal(digest('md5')('x', 'base64'), sum.toString('base64'));
    assert.equal(digest('md5')('x', 'base64url'), `${sum.toString('base64url')}==`);
    assert.equal(digest('md5')('x', 'base64rawurl'), sum.toString('base64url'));
    const binary = digest('md5')('x', 'binary');
    assert.ok(binary instanceof ArrayBuffer && Buffer.from(binary).equals(sum));
    assert.throws(() => digest('md5')('x', 'latin1'), /invalid output encoding: latin1/);
  });

  it('computes HMAC as RFC 4231 test case 2, one-shot and incremental, with digest callable twice', () => {
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    assert.equal(crypto.hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'hex'), expected);
    const hasher = crypto.createHMAC('sha256', 'Jefe');
    hasher.update('what do ya want ');
    hasher.update('for nothing?');
    assert.equal(hasher.digest('hex'), expected);
    assert.equal(hasher.digest('hex'), expected);
  });

  it('keeps a hash running after digest, as Go hash.Hash does', () => {
    const hasher = crypto.createHash('sha1');
    hasher.update('ab');
    assert.equal(hasher.digest('hex'), nodeHash('sha1').update('ab').digest('hex'));
    hasher.update('c');
    assert.equal(hasher.digest('hex'), nodeHash('sha1').update('abc').digest('hex'));
  });

  it('keys HMAC-MD4 per RFC 2104 (a key over 64 bytes is hashed first)', () => {
    const long = 'k'.repeat(100);
    assert.equal(
      crypto.hmac('md4', long, 'data', 'hex'),
      crypto.hmac('md4', md4(Buffer.from(long)), 'data', 'hex'),
    );
    assert.notEqual(crypto.hmac('md4', 'a', 'data', 'hex'), crypto.hmac('md4', 'b', 'data', 'hex'));
  });

  it('fails on unknown algorithms and bad sizes with k6 messages; randomBytes and hexEncode', () => {
    assert.throws(() => crypto.createHash('sha3'), /invalid algorithm: sha3/);
    assert.throws(() => crypto.randomBytes(0), /invalid size/);
    const random = crypto.randomBytes(16);
    assert.equal(random.byteLength, 16);
    assert.equal(crypto.hexEncode(new Uint8Array([0, 255]).buffer), '00ff');
  });
});

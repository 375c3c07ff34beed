// k6/encoding: Go's four base64 flavours, strict decoding, string and ArrayBuffer input and output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b64decode, b64encode } from '../../../../src/engine/modules/k6-encoding.ts';

describe('k6/encoding', () => {
  // Bytes whose base64 uses + and / (std) or - and _ (url), with padding: fb ff bf 01.
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x01]).buffer;

  it('encodes in each flavour as Go does, std by default and for unknown names', () => {
    assert.equal(b64encode(bytes), '+/+/AQ==');
    assert.equal(b64encode(bytes, 'std'), '+/+/AQ==');
    assert.equal(b64encode(bytes, 'rawstd'), '+/+/AQ');
    assert.equal(b64encode(bytes, 'url'), '-_-_AQ==');
    assert.equal(b64encode(bytes, 'rawurl'), '-_-_AQ');
    assert.equal(b64encode(bytes, 'nonsense'), '+/+/AQ==');
    assert.equal(b64encode('hello, world'), 'aGVsbG8sIHdvcmxk');
    assert.equal(b64encode('ö'), 'w7Y=', 'strings are encoded as UTF-8');
  });

  it('decodes to an ArrayBuffer, or to a string with "s"', () => {
    const out = b64decode('-_-_AQ', 'rawurl');
    assert.ok(out instanceof ArrayBuffer);
    assert.deepEqual([...new Uint8Array(out)], [0xfb, 0xff, 0xbf, 0x01]);
    assert.equal(b64decode('aGVsbG8sIHdvcmxk', 'std', 's'), 'hello, world');
    assert.equal(b64decode('w7Y=', undefined, 's'), 'ö');
  });

  it('rejects what Go rejects: wrong alphabet, missing or extra padding', () => {
    assert.throws(() => b64decode('-_-_AQ==', 'std'), /illegal base64 data at input byte 0/);
    assert.throws(() => b64decode('+/+/AQ', 'std'), /illegal base64 data/);
    assert.throws(() => b64decode('+/+/AQ==', 'rawstd'), /illegal base64 data at input byte 6/);
    assert.throws(() => b64decode('+/+/AQ==', 'url'), /illegal base64 data at input byte 0/);
  });

  it('round-trips random bytes in every flavour', () => {
    const data = new Uint8Array(257).map((_, i) => (i * 73) % 256);
    for (const flavour of ['std', 'rawstd', 'url', 'rawurl']) {
      const back = b64decode(b64encode(data.buffer, flavour), flavour) as ArrayBuffer;
      assert.deepEqual(new Uint8Array(back), data, flavour);
    }
  });

  it('names the accepted input types for anything else', () => {
    assert.throws(() => b64encode(42), /invalid type number, expected string, \[\]byte or ArrayBuffer/);
  });
});

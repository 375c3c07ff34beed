import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBody, encodeForm, queryEscape } from '../../../../../src/engine/modules/http/request-body.ts';

describe('encodeBody', () => {
  it('sends strings as UTF-8 and shows them as they are', () => {
    const body = encodeBody('héllo');
    assert.deepEqual(body.bytes, Buffer.from('héllo', 'utf8'));
    assert.equal(body.text, 'héllo');
    assert.equal(body.contentType, null);
  });

  it('sends ArrayBuffers and typed-array views without copying their meaning', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    assert.deepEqual(encodeBody(bytes.buffer).bytes, Buffer.from([0, 1, 2, 255]));
    assert.deepEqual(encodeBody(bytes.subarray(1, 3)).bytes, Buffer.from([1, 2]));
  });

  it('form-encodes plain objects, sorted by key, with the form content type', () => {
    const body = encodeBody({ b: 'x y', a: [1, 2], c: 'é&=' });
    assert.equal(body.text, 'a=1&a=2&b=x+y&c=%C3%A9%26%3D');
    assert.equal(body.contentType, 'application/x-www-form-urlencoded');
  });

  it('has no body for null and undefined', () => {
    assert.equal(encodeBody(undefined).bytes, null);
    assert.equal(encodeBody(null).bytes, null);
  });

  it('rejects other types as k6 does', () => {
    assert.throws(() => encodeBody(42), /unknown request body type number/);
    assert.throws(() => encodeBody([1]), /unknown request body type array/);
  });
});

describe('queryEscape', () => {
  it("escapes like Go's url.QueryEscape", () => {
    assert.equal(queryEscape("a b!'()*~-_."), 'a+b%21%27%28%29%2A~-_.');
  });

  it('writes nil for null values as Go formats them', () => {
    assert.equal(encodeForm({ a: null }), 'a=%3Cnil%3E');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalHeaderKey,
  headerValue,
  toResponseHeaders,
} from '../../../../../src/engine/modules/http/header-keys.ts';

describe('canonicalHeaderKey', () => {
  it('capitalises each dash-separated word as Go textproto does', () => {
    assert.equal(canonicalHeaderKey('content-type'), 'Content-Type');
    assert.equal(canonicalHeaderKey('X-REQUEST-ID'), 'X-Request-Id');
    assert.equal(canonicalHeaderKey('www-authenticate'), 'Www-Authenticate');
    assert.equal(canonicalHeaderKey('etag'), 'Etag');
    assert.equal(canonicalHeaderKey('x--y'), 'X--Y');
  });

  it('leaves names with non-token characters unchanged', () => {
    assert.equal(canonicalHeaderKey('bad header'), 'bad header');
    assert.equal(canonicalHeaderKey('x:y'), 'x:y');
  });
});

describe('toResponseHeaders', () => {
  it('canonicalises names and joins repeated values with ", "', () => {
    assert.deepEqual(
      toResponseHeaders({ 'set-cookie': ['a=1', 'b=2'], 'content-length': '2', skipped: undefined }),
      {
        'Set-Cookie': 'a=1, b=2',
        'Content-Length': '2',
      },
    );
  });

  it('gives an empty object when there were no headers', () => {
    assert.deepEqual(toResponseHeaders(null), {});
  });
});

describe('headerValue', () => {
  it('returns the first value of a header', () => {
    assert.equal(headerValue({ location: ['/a', '/b'] }, 'location'), '/a');
    assert.equal(headerValue({ location: '/a' }, 'location'), '/a');
    assert.equal(headerValue(null, 'location'), undefined);
  });
});

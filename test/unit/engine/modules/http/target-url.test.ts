import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TargetCache, parseTarget, urlTemplate } from '../../../../../src/engine/modules/http/target-url.ts';

describe('parseTarget', () => {
  it('splits origin and path and keeps the URL as written for tags', () => {
    const target = parseTarget('http://127.0.0.1:8080');
    assert.equal(target.origin, 'http://127.0.0.1:8080');
    assert.equal(target.path, '/');
    assert.equal(target.tagUrl, 'http://127.0.0.1:8080');
    assert.equal(parseTarget('http://h/a/b?x=1#frag').path, '/a/b?x=1');
  });

  it('sends URL credentials as basic auth and masks the password in tags', () => {
    const target = parseTarget('http://user:s%20cret@h/x');
    assert.equal(target.authorization, `Basic ${Buffer.from('user:s cret').toString('base64')}`);
    assert.equal(target.tagUrl, 'http://user:****@h/x');
  });

  it('rejects relative URLs and other schemes', () => {
    assert.throws(() => parseTarget('/relative'), /invalid URL/);
    assert.throws(() => parseTarget('ftp://h/'), /unsupported protocol scheme "ftp"/);
  });
});

describe('TargetCache', () => {
  it('parses each URL string once', () => {
    const cache = new TargetCache(2);
    const first = cache.resolve('http://h/a');
    assert.equal(cache.resolve('http://h/a'), first);
    cache.resolve('http://h/b');
    cache.resolve('http://h/c'); // full: cleared
    assert.notEqual(cache.resolve('http://h/a'), first);
  });
});

describe('urlTemplate', () => {
  it('names the URL with ${} placeholders, as http.url does', () => {
    const id = 42;
    const url = urlTemplate`http://h/items/${id}/x`;
    assert.equal(url.url, 'http://h/items/42/x');
    assert.equal(url.name, 'http://h/items/${}/x');
    assert.equal(String(url), 'http://h/items/42/x');
  });
});

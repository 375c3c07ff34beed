import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTarget } from '../../../src/runner/target-url.ts';

describe('normalizeTarget', () => {
  it('drops trailing slashes so that paths join without //', () => {
    assert.equal(normalizeTarget('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
    assert.equal(normalizeTarget('http://127.0.0.1:8080/v1//'), 'http://127.0.0.1:8080/v1');
    assert.equal(normalizeTarget(' https://[::1]:6000 '), 'https://[::1]:6000');
  });

  it('names what is wrong and the shape expected', () => {
    assert.throws(
      () => normalizeTarget('not a url'),
      /^UserError: TARGET: 'not a url' is not a URL; expected http:\/\/host:port$/,
    );
    assert.throws(
      () => normalizeTarget('ftp://x'),
      /unsupported scheme 'ftp:' in 'ftp:\/\/x'; expected http:\/\/ or https:\/\//,
    );
    assert.throws(
      () => normalizeTarget('localhost:8080'),
      /'localhost:8080' has no scheme; expected http:\/\/localhost:8080/,
    );
    assert.throws(() => normalizeTarget('http://u:p@h:1'), /credentials in the URL/);
    assert.throws(() => normalizeTarget('http://h:1/?a=b'), /has a query or fragment/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createExpectedStatuses } from '../../../../../src/engine/modules/http/expected-statuses.ts';
import { parseParams } from '../../../../../src/engine/modules/http/request-params.ts';

const defaults = { throwOnError: false, discardResponseBodies: false, maxRedirects: 10 };

describe('parseParams', () => {
  it("has k6's defaults", () => {
    const params = parseParams(undefined, defaults);
    assert.equal(params.timeoutMs, 60_000);
    assert.equal(params.responseType, 'text');
    assert.equal(params.redirects, 10);
    assert.equal(params.throwOnError, false);
    assert.equal(params.responseCallback, undefined);
  });

  it('makes "none" the default response type with discardResponseBodies', () => {
    assert.equal(parseParams({}, { ...defaults, discardResponseBodies: true }).responseType, 'none');
  });

  it('reads timeouts as ms numbers or duration strings', () => {
    assert.equal(parseParams({ timeout: 1500 }, defaults).timeoutMs, 1500);
    assert.equal(parseParams({ timeout: '2s' }, defaults).timeoutMs, 2000);
    assert.throws(() => parseParams({ timeout: 'soon' }, defaults), /invalid timeout value/);
  });

  it('canonicalises header names and drops Content-Length', () => {
    const params = parseParams(
      { headers: { 'content-type': 'a/b', 'content-length': '9', 'x-n': 1 } },
      defaults,
    );
    assert.deepEqual(params.headers, { 'Content-Type': 'a/b', 'X-N': '1' });
  });

  it('reads tags, redirects, throw, responseType and responseCallback', () => {
    const callback = createExpectedStatuses(201);
    const params = parseParams(
      {
        tags: { name: 'x', n: 1 },
        redirects: 0,
        throw: true,
        responseType: 'binary',
        responseCallback: callback,
      },
      defaults,
    );
    assert.deepEqual(params.tags, { name: 'x', n: '1' });
    assert.equal(params.redirects, 0);
    assert.equal(params.throwOnError, true);
    assert.equal(params.responseType, 'binary');
    assert.equal(params.responseCallback, callback);
    assert.equal(parseParams({ responseCallback: null }, defaults).responseCallback, null);
  });

  it('reads params.cookies with their replace flags', () => {
    assert.deepEqual(
      parseParams({ cookies: { a: '1', b: { value: '2', replace: true } } }, defaults).cookies,
      [
        { name: 'a', value: '1', replace: false },
        { name: 'b', value: '2', replace: true },
      ],
    );
  });

  it('rejects an unknown responseType and unimplemented features', () => {
    assert.throws(() => parseParams({ responseType: 'json' }, defaults), /invalid responseType/);
    assert.throws(
      () => parseParams({ auth: 'ntlm' }, defaults),
      /not implemented by inferload's embedded engine/,
    );
    assert.throws(() => parseParams({ jar: {} }, defaults), /invalid params\.jar/);
    assert.throws(() => parseParams({ compression: 'gzip' }, defaults), /not implemented/);
  });
});

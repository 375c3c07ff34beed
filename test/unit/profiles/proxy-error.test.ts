// nginx's own 502/504 (marked by deploy's nginx.conf) count as proxy_<status>; the servers' own stay http_<status>.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statusErrorKind } from '../../../profiles/lib/proxy-error.ts';
import { PROXY_ERROR_HEADER, PROXY_ERROR_TYPE } from '../../../src/deploy/render-nginx.ts';

describe('statusErrorKind', () => {
  it('reads the marking header in any case, or the marked body when headers are not at hand', () => {
    assert.equal(statusErrorKind(502, { [PROXY_ERROR_HEADER]: '502' }, ''), 'proxy_502');
    assert.equal(statusErrorKind(504, { [PROXY_ERROR_HEADER.toLowerCase()]: '504' }, undefined), 'proxy_504');
    assert.equal(statusErrorKind(502, undefined, `{"error":{"type":"${PROXY_ERROR_TYPE}"}}`), 'proxy_502');
  });

  it("leaves a server's own 502 and 503 as http errors", () => {
    assert.equal(
      statusErrorKind(502, { 'Content-Type': 'application/json' }, '{"error":"upstream"}'),
      'http_502',
    );
    assert.equal(statusErrorKind(503, {}, 'Loading model'), 'http_503');
  });
});

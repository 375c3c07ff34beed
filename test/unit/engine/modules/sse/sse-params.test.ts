import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseOpenArgs } from '../../../../../src/engine/modules/sse/sse-params.ts';

const noop = (): void => undefined;

describe('parseOpenArgs', () => {
  it('takes (url, callback) or (url, params, callback)', () => {
    const short = parseOpenArgs('http://h/', [noop], 'ua');
    assert.equal(short.method, 'GET');
    assert.equal(short.timeoutMs, 0);
    assert.deepEqual(short.headers, { 'User-Agent': 'ua', Accept: 'text/event-stream' });
    const full = parseOpenArgs(
      'http://h/',
      [
        {
          method: ' POST ',
          body: '  {"a":1}\n',
          headers: { 'content-type': 'application/json' },
          tags: { n: 1 },
          timeout: '2s',
        },
        noop,
      ],
      'ua',
    );
    assert.equal(full.method, 'POST');
    assert.equal(full.body, '{"a":1}');
    assert.equal(full.headers['Content-Type'], 'application/json');
    assert.deepEqual(full.tags, { n: '1' });
    assert.equal(full.timeoutMs, 2000);
  });

  it('lets params override the Accept header', () => {
    assert.equal(
      parseOpenArgs('http://h/', [{ headers: { accept: '*/*' } }, noop], 'ua').headers.Accept,
      '*/*',
    );
  });

  it("throws xk6-sse's argument errors", () => {
    assert.throws(() => parseOpenArgs('http://h/', [], 'ua'), /invalid number of arguments to sse.open/);
    assert.throws(() => parseOpenArgs('http://h/', [{}, {}, noop], 'ua'), /invalid number of arguments/);
    assert.throws(
      () => parseOpenArgs('http://h/', [{}, 'x'], 'ua'),
      /last argument to sse.open must be a function/,
    );
    assert.throws(
      () => parseOpenArgs('http://h/', [{ timeout: 'later' }, noop], 'ua'),
      /invalid sse.open\(\) timeout/,
    );
  });
});

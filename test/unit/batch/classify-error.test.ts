import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyStatus,
  classifyTransportError,
  computeBackoffMs,
} from '../../../src/batch/classify-error.ts';

const coded = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code });

describe('the retry rules', () => {
  it('retries only what the server surely did not work on: refused and reset, never a timeout', () => {
    assert.deepEqual(
      [coded('ECONNREFUSED'), coded('ECONNRESET'), coded('UND_ERR_SOCKET'), coded('EPIPE')].map((e) => {
        const f = classifyTransportError(e);
        return [f.kind, f.retryable];
      }),
      [
        ['connect_refused', true],
        ['reset', true],
        ['reset', true],
        ['reset', true],
      ],
    );
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'])
      assert.deepEqual(
        [classifyTransportError(coded(code)).kind, classifyTransportError(coded(code)).retryable],
        ['timeout', false],
      );
    const nested = classifyTransportError(
      Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } }),
    );
    assert.deepEqual([nested.kind, nested.retryable], ['dns', false]);
    assert.equal(classifyTransportError(new Error('odd')).kind, 'network');
    assert.match(
      classifyTransportError(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')).message,
      /^ECONNREFUSED: connect/,
    );
  });

  it('retries 429, 502, 503, 504 and never a 400 or a 500', () => {
    const retryable = (status: number): boolean => classifyStatus(status, undefined).retryable;
    assert.deepEqual([429, 502, 503, 504].map(retryable), [true, true, true, true]);
    assert.deepEqual([400, 401, 404, 422, 500].map(retryable), [false, false, false, false, false]);
    assert.equal(classifyStatus(503, '7').retryAfterS, 7);
    assert.equal(classifyStatus(503, 'soon').retryAfterS, undefined);
    assert.equal(classifyStatus(400, undefined).kind, 'http_400');
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After up to 30 s', () => {
    const refused = classifyTransportError(coded('ECONNREFUSED'));
    assert.equal(
      computeBackoffMs(0, refused, () => 0.5),
      250,
    );
    assert.equal(
      computeBackoffMs(3, refused, () => 0.5),
      2000,
    );
    assert.equal(
      computeBackoffMs(10, refused, () => 0.5),
      8000,
    );
    assert.equal(
      computeBackoffMs(0, refused, () => 0),
      200,
    );
    assert.equal(
      computeBackoffMs(0, refused, () => 1),
      300,
    );
    assert.equal(
      computeBackoffMs(0, classifyStatus(429, '2'), () => 0.5),
      2000,
    );
    assert.equal(
      computeBackoffMs(0, classifyStatus(429, '120'), () => 0.5),
      30_000,
    );
  });
});

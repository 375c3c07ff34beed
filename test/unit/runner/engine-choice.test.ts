import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chooseEngine, detectK6 } from '../../../src/runner/engine-choice.ts';
import { UserError } from '../../../src/util/errors.ts';

const fakeK6 = join(import.meta.dirname, '..', '..', 'fixtures', 'fake-k6');
const plain = { bin: 'k6', version: 'k6 v1.3.0', hasSse: false };
const withSse = { ...plain, hasSse: true };

describe('chooseEngine', () => {
  it('auto: a k6 with xk6-sse runs streaming profiles; a plain k6 only the .http bundle', () => {
    assert.deepEqual(
      [chooseEngine('auto', true, withSse).engine, chooseEngine('auto', true, withSse).bundle],
      ['k6', 'stream'],
    );
    assert.deepEqual(
      [chooseEngine('auto', false, plain).engine, chooseEngine('auto', false, plain).bundle],
      ['k6', 'http'],
    );
    const fallback = chooseEngine('auto', true, plain);
    assert.equal(fallback.engine, 'embedded');
    assert.match(fallback.why, /has no k6\/x\/sse extension/);
    assert.match(chooseEngine('auto', true, undefined).why, /no k6 on PATH or K6_BIN/);
  });

  it('ENGINE=k6 refuses clearly when k6 is missing or lacks what streaming needs', () => {
    assert.throws(
      () => chooseEngine('k6', true, undefined),
      (e: unknown) => e instanceof UserError && /no k6 found/.test(e.message),
    );
    assert.throws(() => chooseEngine('k6', true, plain), /has no k6\/x\/sse extension/);
    assert.equal(chooseEngine('k6', false, plain).bundle, 'http');
    assert.equal(chooseEngine('embedded', true, withSse).engine, 'embedded');
  });

  it('detects a k6 binary and its xk6-sse extension from `k6 version`', () => {
    assert.equal(detectK6({ K6_BIN: '/nonexistent/k6' }), undefined);
    assert.deepEqual(detectK6({ K6_BIN: fakeK6 }), {
      bin: fakeK6,
      version: 'k6 v1.3.0 (commit/fake, go1.24.6, linux/amd64)',
      hasSse: false,
    });
    assert.equal(detectK6({ K6_BIN: fakeK6, FAKE_K6_SSE: '1' })?.hasSse, true);
  });
});

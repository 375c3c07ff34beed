import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, parseDuration } from '../../../src/engine/duration.ts';

describe('parseDuration', () => {
  it('reads Go duration strings as milliseconds', () => {
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('0.3s'), 300);
    assert.equal(parseDuration('250us'), 0.25);
    assert.equal(parseDuration('250µs'), 0.25);
    assert.equal(parseDuration('1000ns'), 0.001);
    assert.equal(parseDuration('-2s'), -2000);
    assert.equal(parseDuration('0'), 0);
  });

  it('reads a day prefix', () => {
    assert.equal(parseDuration('2d3h'), (2 * 24 + 3) * 3_600_000);
    assert.equal(parseDuration('1d'), 86_400_000);
    assert.equal(parseDuration('-1d2h'), -(26 * 3_600_000));
  });

  it('treats numbers and numeric strings as milliseconds', () => {
    assert.equal(parseDuration(1500), 1500);
    assert.equal(parseDuration('1500'), 1500);
    assert.equal(parseDuration('2.5'), 2.5);
    assert.equal(parseDuration('1e3'), 1000);
  });

  it('rejects malformed values with a message naming the value', () => {
    for (const bad of ['', 'abc', '5 s', '1x', 's', '1.5d', '1d-2h', '1h30']) {
      assert.throws(
        () => parseDuration(bad),
        (error: Error) => error.message.startsWith(`invalid duration "${bad}"`),
        bad,
      );
    }
    assert.throws(() => parseDuration(Number.NaN), /finite/);
  });
});

describe('formatGoDuration', () => {
  it('formats as Go time.Duration.String()', () => {
    assert.equal(formatGoDuration(0), '0s');
    assert.equal(formatGoDuration(60_000), '1m0s');
    assert.equal(formatGoDuration(90_000), '1m30s');
    assert.equal(formatGoDuration(1500), '1.5s');
    assert.equal(formatGoDuration(500), '500ms');
    assert.equal(formatGoDuration(1.5), '1.5ms');
    assert.equal(formatGoDuration(0.001), '1µs');
    assert.equal(formatGoDuration(0.000002), '2ns');
    assert.equal(formatGoDuration(3_600_000), '1h0m0s');
    assert.equal(formatGoDuration(parseDuration('2d3h')), '51h0m0s');
    assert.equal(formatGoDuration(-1500), '-1.5s');
  });
});

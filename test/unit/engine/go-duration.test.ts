import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatGoDurationNs,
  parseExtendedDuration,
  parseGoDuration,
  readDurationNs,
} from '../../../src/engine/duration.ts';

describe('go durations', () => {
  it('parses Go duration strings to nanoseconds', () => {
    assert.equal(parseGoDuration('1m30s'), 90e9);
    assert.equal(parseGoDuration('1.5h'), 5400e9);
    assert.equal(parseGoDuration('250ms'), 250e6);
    assert.equal(parseGoDuration('-2us'), -2000);
    assert.equal(parseGoDuration('3µs'), 3000);
    assert.equal(parseGoDuration('0'), 0);
    for (const bad of ['', '10', '1x', '.s', 'm', '1m30']) assert.equal(parseGoDuration(bad), undefined, bad);
  });

  it('parses k6 extended durations: bare numbers are ms, days are allowed', () => {
    assert.equal(parseExtendedDuration('1500'), 1500e6);
    assert.equal(parseExtendedDuration('2d3h'), (48 + 3) * 3600e9);
    assert.equal(parseExtendedDuration('1d'), 24 * 3600e9);
    assert.equal(parseExtendedDuration('xd'), undefined);
  });

  it('reads JSON-ish values: numbers are ms', () => {
    assert.equal(readDurationNs(2500), 2500e6);
    assert.equal(readDurationNs('30s'), 30e9);
    assert.equal(readDurationNs(true), undefined);
  });

  it('formats like time.Duration.String()', () => {
    assert.equal(formatGoDurationNs(0), '0s');
    assert.equal(formatGoDurationNs(500e6), '500ms');
    assert.equal(formatGoDurationNs(1.5e9), '1.5s');
    assert.equal(formatGoDurationNs(90e9), '1m30s');
    assert.equal(formatGoDurationNs(3600e9), '1h0m0s');
    assert.equal(formatGoDurationNs(1500), '1.5µs');
    assert.equal(formatGoDurationNs(-2e9), '-2s');
  });
});

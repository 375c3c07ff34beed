import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  humanizeBytes,
  humanizeDuration,
  humanizeGenericDuration,
  humanizeValue,
} from '../../../../src/engine/summary/humanize.ts';

describe('humanize', () => {
  it('formats durations like k6 (truncated, adaptive units)', () => {
    assert.equal(humanizeGenericDuration(0), '0s');
    assert.equal(humanizeGenericDuration(0.0005), '500ns');
    assert.equal(humanizeGenericDuration(0.123456), '123.45µs');
    assert.equal(humanizeGenericDuration(12.349), '12.34ms');
    assert.equal(humanizeGenericDuration(1500), '1.5s');
    assert.equal(humanizeGenericDuration(59_999), '59.99s');
    assert.equal(humanizeGenericDuration(90_500), '1m30s');
    assert.equal(humanizeGenericDuration(3_723_000), '1h2m3s');
  });

  it('uses a fixed unit when summaryTimeUnit is set', () => {
    assert.equal(humanizeDuration(1234.5, 's'), '1.23s');
    assert.equal(humanizeDuration(1234.5, 'ms'), '1234.50ms');
    assert.equal(humanizeDuration(1.5, 'us'), '1500.00µs');
  });

  it('formats bytes with SI units', () => {
    assert.equal(humanizeBytes(9), '9 B');
    assert.equal(humanizeBytes(2048), '2.0 kB');
    assert.equal(humanizeBytes(35_000_000), '35 MB');
  });

  it('formats rates as truncated percentages and plain numbers with up to 6 decimals', () => {
    assert.equal(humanizeValue(0.99999, { type: 'rate', contains: 'default' }), '99.99%');
    assert.equal(humanizeValue(1, { type: 'rate', contains: 'default' }), '100.00%');
    assert.equal(humanizeValue(1 / 3, { type: 'trend', contains: 'default' }), '0.333333');
    assert.equal(humanizeValue(12, { type: 'counter', contains: 'default' }), '12');
  });
});

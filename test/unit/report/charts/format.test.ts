import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatCompact,
  formatDurationMs,
  formatNumber,
  formatPercent,
  formatSeconds,
  formatTokensPerSecond,
} from '../../../../src/report/charts/format.ts';

describe('chart formatters', () => {
  it('formats durations in ms, s, then minutes', () => {
    assert.equal(formatDurationMs(0), '0 ms');
    assert.equal(formatDurationMs(0.85), '0.85 ms');
    assert.equal(formatDurationMs(8.5), '8.5 ms');
    assert.equal(formatDurationMs(850), '850 ms');
    assert.equal(formatDurationMs(999.7), '1 s');
    assert.equal(formatDurationMs(1200), '1.2 s');
    assert.equal(formatDurationMs(1250), '1.25 s');
    assert.equal(formatDurationMs(12_340), '12.3 s');
    assert.equal(formatDurationMs(95_000), '1m 35s');
    assert.equal(formatDurationMs(120_000), '2m');
    assert.equal(formatDurationMs(3_900_000), '1h 5m');
    assert.equal(formatDurationMs(-850), '-850 ms');
  });

  it('formats elapsed seconds for time axes', () => {
    assert.equal(formatSeconds(0), '0 s');
    assert.equal(formatSeconds(2.5), '2.5 s');
    assert.equal(formatSeconds(45), '45 s');
    assert.equal(formatSeconds(90), '1m 30s');
    assert.equal(formatSeconds(600), '10m');
  });

  it('formats bytes with binary units', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(1.5 * 2 ** 30), '1.5 GiB');
    assert.equal(formatBytes(12.34 * 2 ** 20), '12.3 MiB');
    assert.equal(formatBytes(512 * 2 ** 20), '512 MiB');
    assert.equal(formatBytes(1023.99 * 2 ** 20), '1 GiB');
  });

  it('formats percentages, compact numbers and token rates', () => {
    assert.equal(formatPercent(42), '42%');
    assert.equal(formatPercent(4.25), '4.3%');
    assert.equal(formatPercent(0.123), '0.12%');
    assert.equal(formatPercent(100), '100%');
    assert.equal(formatCompact(950), '950');
    assert.equal(formatCompact(1500), '1.5k');
    assert.equal(formatCompact(12_500), '12.5k');
    assert.equal(formatCompact(2_300_000), '2.3M');
    assert.equal(formatCompact(999_999), '1M');
    assert.equal(formatTokensPerSecond(45.25), '45.3 tok/s');
    assert.equal(formatTokensPerSecond(1500), '1.5k tok/s');
    assert.equal(formatNumber(0.01234), '0.0123');
    assert.equal(formatNumber(1234), '1234');
  });

  it('shows a dash for values that are not numbers', () => {
    for (const format of [
      formatDurationMs,
      formatSeconds,
      formatBytes,
      formatPercent,
      formatCompact,
      formatNumber,
    ]) {
      assert.equal(format(Number.NaN), '–');
      assert.equal(format(Number.POSITIVE_INFINITY), '–');
    }
  });
});

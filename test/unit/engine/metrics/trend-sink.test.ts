import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrendSink } from '../../../../src/engine/metrics/trend-sink.ts';
import { percentileOfSorted } from '../../../../src/engine/metrics/percentile.ts';

function trendOf(values: readonly number[]): TrendSink {
  const sink = new TrendSink();
  for (const value of values) sink.add(value);
  return sink;
}

const oneToTen = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5];

describe('TrendSink percentiles (R-7 linear interpolation)', () => {
  it('matches hand-computed values for 1..10', () => {
    const sink = trendOf(oneToTen);
    // i = 0.9 * 9 = 8.1 -> 9 + (10 - 9) * 0.1
    assert.ok(Math.abs(sink.percentile(0.9) - 9.1) < 1e-12);
    // i = 0.95 * 9 = 8.55 -> 9.55
    assert.ok(Math.abs(sink.percentile(0.95) - 9.55) < 1e-12);
    // i = 0.5 * 9 = 4.5 -> 5.5
    assert.equal(sink.med, 5.5);
    assert.equal(sink.percentile(0), 1);
    assert.equal(sink.percentile(1), 10);
  });

  it('takes the midpoint for the median of an even count', () => {
    assert.equal(trendOf([4, 1, 3, 2]).med, 2.5);
    assert.equal(trendOf([10, 20]).med, 15);
  });

  it('returns the only value for n=1 and 0 for n=0', () => {
    assert.equal(trendOf([42]).percentile(0.99), 42);
    assert.equal(trendOf([42]).med, 42);
    const empty = new TrendSink();
    assert.equal(empty.percentile(0.95), 0);
    assert.equal(empty.med, 0);
    assert.equal(percentileOfSorted([], 0, 0.5), 0);
  });

  it('reports zeros for every stat of an empty sink', () => {
    const empty = new TrendSink();
    assert.deepEqual([empty.avg, empty.min, empty.max, empty.count, empty.isEmpty()], [0, 0, 0, 0, true]);
  });

  it('tracks avg, min, max and count', () => {
    const sink = trendOf([-3, 5, 1]);
    assert.deepEqual([sink.avg, sink.min, sink.max, sink.count], [1, -3, 5, 3]);
  });

  it('stays correct when values arrive after a sort (merge of the new tail)', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 1000;
    const sink = new TrendSink();
    const all: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3000; i++) {
        const value = random();
        sink.add(value);
        all.push(value);
      }
      const expected = [...all].sort((a, b) => a - b);
      assert.deepEqual([...sink.sortedValues()], expected);
      const i = 0.95 * (expected.length - 1);
      const lo = expected[Math.floor(i)] ?? 0;
      const hi = expected[Math.ceil(i)] ?? 0;
      assert.equal(sink.percentile(0.95), lo + (hi - lo) * (i - Math.floor(i)));
    }
  });

  it('handles a million samples', () => {
    const sink = new TrendSink();
    for (let i = 1_000_000; i >= 1; i--) sink.add(i);
    assert.equal(sink.count, 1_000_000);
    assert.equal(sink.min, 1);
    assert.equal(sink.max, 1_000_000);
    assert.ok(Math.abs(sink.percentile(0.5) - 500_000.5) < 1e-6);
  });
});

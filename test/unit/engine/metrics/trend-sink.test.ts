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
      for (const p of [0, 0.1, 0.5, 0.95, 1])
        assert.equal(sink.percentile(p), percentileOfSorted(expected, expected.length, p));
    }
  });

  it('handles a million samples in bounded memory: exact count, sum, min, max; percentiles within 0.1%', () => {
    const sink = new TrendSink();
    for (let i = 1_000_000; i >= 1; i--) sink.add(i);
    assert.equal(sink.count, 1_000_000);
    assert.equal(sink.min, 1);
    assert.equal(sink.max, 1_000_000);
    assert.equal(sink.avg, 500_000.5);
    assert.ok(sink.approximate);
    assert.ok(Math.abs(sink.percentile(0.5) / 500_000.5 - 1) < 1e-3, String(sink.percentile(0.5)));
  });
});

describe('TrendSink past its exact limit', () => {
  // Lognormal latencies around 200 ms, seeded: the shape of an LLM run's TTFT or E2E.
  function latencies(n: number, seed = 11): number[] {
    let state = seed;
    const uniform = (): number => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) + 1) / (2 ** 31 + 1);
    return Array.from({ length: n }, () => {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      return Math.exp(Math.log(200) + 0.6 * normal);
    });
  }

  it('is exact up to the limit and within 0.1% of the exact percentiles past it', () => {
    const values = latencies(50_000);
    const sorted = [...values].sort((a, b) => a - b);
    const atLimit = new TrendSink(50_000);
    const past = new TrendSink(1000);
    for (const value of values) {
      atLimit.add(value);
      past.add(value);
    }
    assert.equal(atLimit.approximate, false);
    assert.equal(past.approximate, true);
    for (const p of [0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = percentileOfSorted(sorted, sorted.length, p);
      assert.equal(atLimit.percentile(p), exact);
      const error = Math.abs(past.percentile(p) / exact - 1);
      assert.ok(
        error < 1e-3,
        `p(${p * 100}): ${past.percentile(p)} vs ${exact} (${(error * 100).toFixed(4)}%)`,
      );
    }
    assert.equal(past.min, sorted[0]);
    assert.equal(past.max, sorted.at(-1));
    assert.ok(Math.abs(past.avg - atLimit.avg) < 1e-9);
  });

  it('stays exact for repeated values, integers, zeros and negatives', () => {
    const values: number[] = [];
    for (let i = 0; i < 30_000; i++) values.push(i % 97, -(i % 5), 0, 64);
    const sorted = [...values].sort((a, b) => a - b);
    const sink = new TrendSink(100);
    for (const value of values) sink.add(value);
    assert.ok(sink.approximate);
    for (const p of [0, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1])
      assert.equal(sink.percentile(p), percentileOfSorted(sorted, sorted.length, p), `p(${p * 100})`);
  });

  it('holds its memory still: the buckets in use grow with the range of the values, not their number', () => {
    const sink = new TrendSink(1000);
    const histogramSize = (): number => (sink as unknown as { histogram: { size: number } }).histogram.size;
    for (const value of latencies(200_000, 3)) sink.add(value);
    const after200k = histogramSize();
    for (const value of latencies(800_000, 5)) sink.add(value);
    // Lognormal values spanning about 9 powers of two: at most 9 x 1024 buckets whatever the count.
    assert.ok(histogramSize() <= 12 * 1024, `buckets: ${histogramSize()}`);
    assert.ok(histogramSize() < after200k * 1.5, `${after200k} -> ${histogramSize()} buckets`);
  });
});

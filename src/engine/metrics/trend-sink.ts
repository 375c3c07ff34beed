import { LogHistogram } from './log-histogram.ts';
import { percentileOfSorted } from './percentile.ts';

const INITIAL_CAPACITY = 256;

/**
 * Values a Trend keeps exactly, as k6's TrendSink keeps all of them; past it they move into a LogHistogram
 * (percentiles within 0.1%, exact for repeated values; count, sum, min, max, avg stay exact), so a long run's
 * memory stops growing. docs/engine.md lists it under the known differences.
 */
export const EXACT_TREND_VALUES = 20_000;

/**
 * A Trend's values in a growable Float64Array up to `exactLimit`, then in a bounded log histogram.
 * Sorting is lazy: the sorted prefix is kept and only newly added values are sorted and merged in.
 */
export class TrendSink {
  readonly type = 'trend';
  count = 0;
  sum = 0;
  private minValue = 0;
  private maxValue = 0;
  private values = new Float64Array(INITIAL_CAPACITY);
  private sortedCount = 0;
  private histogram: LogHistogram | undefined;

  constructor(private readonly exactLimit = EXACT_TREND_VALUES) {}

  add(value: number): void {
    if (this.count === 0 || value < this.minValue) this.minValue = value;
    if (this.count === 0 || value > this.maxValue) this.maxValue = value;
    this.sum += value;
    if (this.histogram) {
      this.histogram.add(value);
      this.count++;
      return;
    }
    if (this.count === this.values.length) this.grow();
    this.values[this.count] = value;
    this.count++;
    if (this.count > this.exactLimit) this.toHistogram();
  }

  /** True once the values went into the histogram (percentiles within 0.1%). */
  get approximate(): boolean {
    return this.histogram !== undefined;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  get min(): number {
    return this.minValue;
  }

  get max(): number {
    return this.maxValue;
  }

  get avg(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  get med(): number {
    return this.percentile(0.5);
  }

  /** Percentile for a fraction `p` in [0, 1] (p(95) is percentile(0.95)). */
  percentile(p: number): number {
    if (this.histogram) return this.histogram.percentile(p, this.count);
    if (this.count <= 1) return percentileOfSorted(this.values, this.count, p);
    this.sort();
    return percentileOfSorted(this.values, this.count, p);
  }

  private toHistogram(): void {
    const histogram = new LogHistogram();
    for (let i = 0; i < this.count; i++) histogram.add(this.values[i] ?? 0);
    this.histogram = histogram;
    this.values = new Float64Array(0);
    this.sortedCount = 0;
  }

  private grow(): void {
    const next = new Float64Array(Math.min(this.values.length * 2, this.exactLimit + 1));
    next.set(this.values);
    this.values = next;
  }

  private sort(): void {
    const sortedCount = this.sortedCount;
    const count = this.count;
    if (sortedCount === count) return;
    this.values.subarray(sortedCount, count).sort();
    if (sortedCount > 0 && (this.values[sortedCount] ?? 0) < (this.values[sortedCount - 1] ?? 0)) {
      mergeTail(this.values, sortedCount, count);
    }
    this.sortedCount = count;
  }
}

// Merges the sorted run [split, end) into the sorted run [0, split), filling from the back: O(n) time, O(tail) space.
function mergeTail(values: Float64Array, split: number, end: number): void {
  const tail = values.slice(split, end);
  let i = split - 1;
  let j = tail.length - 1;
  let k = end - 1;
  while (j >= 0) {
    const head = i >= 0 ? (values[i] ?? 0) : -Infinity;
    const last = tail[j] ?? 0;
    if (i >= 0 && head > last) {
      values[k--] = head;
      i--;
    } else {
      values[k--] = last;
      j--;
    }
  }
}

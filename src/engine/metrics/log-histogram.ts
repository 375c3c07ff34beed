// A Trend's values past the engine's exact limit: log-linear buckets (2^10 per power of two, so a bucket spans at
// most 0.1% of its values) that keep each bucket's count, lowest and highest value. Memory is bounded by the
// range of the values (buckets per power of two x powers of two spanned), never by their number, so a soak of
// hours holds still. Percentiles follow k6's rule (linear between closest ranks) over ranks read back from the
// buckets: a rank inside a bucket is interpolated between its lowest and highest value, exact where a bucket
// holds one distinct value (integers below 1024, repeated values, zeros).

const SUB_BITS = 10;
const SUB = 2 ** SUB_BITS;
// Above every |bucket key| (exponents -1074..1023, times SUB): orders negatives, zero and positives.
const OFFSET = 2 ** 22;

interface Bucket {
  count: number;
  low: number;
  high: number;
}

/** The bucket key of a positive finite value: exponent x SUB + the mantissa's top SUB_BITS bits. */
function magnitudeKey(value: number): number {
  let exponent = Math.floor(Math.log2(value));
  let sub = Math.floor((value / 2 ** exponent - 1) * SUB);
  // log2 rounds near powers of two: keep the mantissa in [0, SUB).
  if (sub >= SUB) {
    exponent += 1;
    sub = Math.floor((value / 2 ** exponent - 1) * SUB);
  } else if (sub < 0) {
    exponent -= 1;
    sub = Math.floor((value / 2 ** exponent - 1) * SUB);
  }
  return exponent * SUB + Math.min(SUB - 1, Math.max(0, sub));
}

/** A key whose numeric order is the values' order: negatives (largest magnitude first), zero, positives. */
function orderKey(value: number): number {
  if (value === 0) return 0;
  return value > 0 ? OFFSET + magnitudeKey(value) : -(OFFSET + magnitudeKey(-value));
}

export class LogHistogram {
  private readonly buckets = new Map<number, Bucket>();
  private sortedKeys: number[] | undefined;

  add(value: number): void {
    const key = orderKey(value);
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.count += 1;
      if (value < bucket.low) bucket.low = value;
      if (value > bucket.high) bucket.high = value;
      return;
    }
    this.buckets.set(key, { count: 1, low: value, high: value });
    this.sortedKeys = undefined;
  }

  /** Buckets in use: what the memory grows with. */
  get size(): number {
    return this.buckets.size;
  }

  /** k6's percentile (R-7) for a fraction `p` over the `count` values added. */
  percentile(p: number, count: number): number {
    if (count === 0) return 0;
    const index = p * (count - 1);
    const lower = Math.floor(index);
    const low = this.valueAtRank(lower);
    if (index === lower) return low;
    return low + (this.valueAtRank(lower + 1) - low) * (index - lower);
  }

  /** The value at 0-based rank `rank` in ascending order, interpolated inside its bucket. */
  private valueAtRank(rank: number): number {
    this.sortedKeys ??= [...this.buckets.keys()].sort((a, b) => a - b);
    let before = 0;
    for (const key of this.sortedKeys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      if (rank < before + bucket.count) {
        if (bucket.count === 1) return bucket.low;
        return bucket.low + ((bucket.high - bucket.low) * (rank - before)) / (bucket.count - 1);
      }
      before += bucket.count;
    }
    const last = this.buckets.get(this.sortedKeys.at(-1) ?? 0);
    return last?.high ?? 0;
  }
}

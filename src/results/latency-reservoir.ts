// A bounded latency distribution: every value while few, then a uniform sample (Algorithm R) that the same seed
// always draws the same way, so the same file always gives the same report.
import { mulberry32 } from '../util/mulberry32.ts';
import type { LatencyDistribution } from './run-series.ts';

const TWO_TO_32 = 4294967296;

export class LatencyReservoir {
  private readonly values: number[] = [];
  private seen = 0;
  private readonly next: () => number;

  constructor(
    private readonly size: number,
    seed: number,
  ) {
    this.next = mulberry32(seed);
  }

  /** Counts the value, and keeps it while there is room or, later, with probability size / seen. */
  add(value: number): void {
    this.seen += 1;
    if (this.values.length < this.size) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor((this.next() / TWO_TO_32) * this.seen);
    if (slot < this.size) this.values[slot] = value;
  }

  /** The values kept, sorted ascending, with how many were seen. */
  finish(): LatencyDistribution {
    return {
      count: this.seen,
      sampled: this.seen > this.values.length,
      values: this.values.slice().sort((a, b) => a - b),
    };
  }
}

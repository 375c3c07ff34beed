// k6's SegmentedIndex: walks one segment's striped indexes, giving the local (scaled) and the whole-test
// (unscaled) position together; both are 1-based, 0 before the first.
import type { Stripe } from './execution-tuple.ts';

/** The whole test as a stripe: every index. */
export const FULL_STRIPE: Stripe = { start: 0, offsets: [1], lcd: 1 };

/** A cursor over a stripe; not shared between scenarios. */
export class SegmentedIndex {
  scaled = 0;
  unscaled = 0;
  private readonly stripe: Stripe;

  constructor(stripe: Stripe) {
    this.stripe = stripe;
  }

  /** Moves to this segment's next index. */
  next(): { scaled: number; unscaled: number } {
    const { start, offsets } = this.stripe;
    this.unscaled += this.scaled === 0 ? start + 1 : (offsets[(this.scaled - 1) % offsets.length] as number);
    this.scaled++;
    return { scaled: this.scaled, unscaled: this.unscaled };
  }

  /** Moves back one; undefined at 0. */
  prev(): { scaled: number; unscaled: number } {
    const { start, offsets } = this.stripe;
    this.unscaled -= this.scaled === 1 ? start + 1 : (offsets[(this.scaled - 2) % offsets.length] as number);
    this.scaled--;
    return { scaled: this.scaled, unscaled: this.unscaled };
  }

  /** Moves to the last of this segment's indexes at or below `value` (k6's GoTo). */
  goTo(value: number): { scaled: number; unscaled: number } {
    const { start, offsets, lcd } = this.stripe;
    const cycles = Math.floor(value / lcd);
    this.scaled = cycles * offsets.length;
    this.unscaled = cycles * lcd + start + 1;
    let k = 0;
    for (let i = start; i < value % lcd; i += offsets[k] as number, k++) {
      this.scaled++;
      this.unscaled += offsets[k] as number;
    }
    if (k > 0) this.unscaled -= offsets[k - 1] as number;
    else if (this.scaled > 0) this.unscaled -= offsets[offsets.length - 1] as number;
    if (this.scaled === 0) this.unscaled = 0;
    return { scaled: this.scaled, unscaled: this.unscaled };
  }
}

/** The whole-test position (1-based) of this segment's n-th element (1-based): a VU's idInTest from its local id. */
export function unscaledOf(stripe: Stripe, n: number): number {
  const { start, offsets, lcd } = stripe;
  const cycles = Math.floor((n - 1) / offsets.length);
  let position = cycles * lcd + start;
  for (let k = 0; k < (n - 1) % offsets.length; k++) position += offsets[k] as number;
  return position + 1;
}

/** Keeps the items whose 0-based position in `items` belongs to the stripe (which arrival ticks run here). */
export function* pickStriped<T>(items: Iterable<T>, stripe: Stripe): Generator<T> {
  const { start, offsets } = stripe;
  let next = start;
  let k = 0;
  let position = 0;
  for (const item of items) {
    if (position === next) {
      yield item;
      next += offsets[k % offsets.length] as number;
      k++;
    }
    position++;
  }
}

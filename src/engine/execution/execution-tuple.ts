// k6's ExecutionTuple: one segment of a full sequence, with the striping that splits VUs, iterations and
// arrival-rate ticks between the parts so they always sum to the whole (ExecutionSegmentSequenceWrapper).
import { makeRational } from './rational.ts';
import {
  type ExecutionSegment,
  fillSequence,
  findSegmentIndex,
  FULL_SEGMENT,
  type SegmentSequence,
  segmentLength,
} from './segment.ts';

/** Which of every `lcd` consecutive indexes (0-based) belong to a segment: `start`, then `+offsets[k]` in turn. */
export interface Stripe {
  start: number;
  offsets: readonly number[];
  lcd: number;
}

/** One segment of a full (0..1) sequence and the striped offsets of every part. */
export interface ExecutionTuple {
  readonly sequence: readonly ExecutionSegment[];
  readonly index: number;
  readonly lcd: number;
  /** Per segment of the sequence: [start, ...offsets], the last offset wrapping around to the next cycle. */
  readonly stripes: readonly Stripe[];
}

/** The tuple for `segment` in `sequence` (both optional: the whole test); k6's NewExecutionTuple. */
export function createExecutionTuple(
  segment: ExecutionSegment = FULL_SEGMENT,
  sequence: SegmentSequence = [],
): ExecutionTuple {
  const filled = fillSequence(sequence, segment);
  return wrapSequence(filled, findSegmentIndex(filled, segment));
}

/** This tuple's own segment. */
export function tupleSegment(tuple: ExecutionTuple): ExecutionSegment {
  return tuple.sequence[tuple.index] as ExecutionSegment;
}

/** This segment's stripe. */
export function tupleStripe(tuple: ExecutionTuple): Stripe {
  return tuple.stripes[tuple.index] as Stripe;
}

/** This segment's share of `value` (k6's ExecutionTuple.ScaleInt64); the parts of a sequence sum to `value`. */
export function scaleInt(tuple: ExecutionTuple, value: number): number {
  if (tuple.sequence.length === 1) return value;
  return scaleByStripe(tupleStripe(tuple), value);
}

/**
 * Re-segments the sequence so that each part's share is its scaled part of `value`, dropping empty parts; k6's
 * GetNewExecutionTupleFromValue, which shared-iterations (by VUs) and the arrival-rate executors (by maxVUs) use.
 * Undefined when this segment gets none of `value`.
 */
export function retupleByValue(tuple: ExecutionTuple, value: number): ExecutionTuple | undefined {
  if (value < 1) return undefined;
  if (value % tuple.lcd === 0) return tuple;
  const sequence: ExecutionSegment[] = [];
  let index = -1;
  let previous = 0;
  tuple.sequence.forEach((_, i) => {
    const share = scaleByStripe(tuple.stripes[i] as Stripe, value);
    if (share === 0) return;
    if (i === tuple.index) index = sequence.length;
    const from = makeRational(BigInt(previous), BigInt(value));
    previous += share;
    sequence.push({ from, to: makeRational(BigInt(previous), BigInt(value)) });
  });
  return index < 0 ? undefined : wrapSequence(sequence, index);
}

function scaleByStripe(stripe: Stripe, value: number): number {
  const { start, offsets, lcd } = stripe;
  let result = Math.floor(value / lcd) * offsets.length;
  for (let k = 0, i = start; i < value % lcd; i += offsets[k] as number, k++) result++;
  return result;
}

// The striping of NewExecutionSegmentSequenceWrapper: walk 0..lcd-1 and hand each index to the biggest part
// (ties in sequence order) whose taken count * lcd / share it has reached, so every part's indexes spread evenly.
function wrapSequence(sequence: readonly ExecutionSegment[], index: number): ExecutionTuple {
  const lengths = sequence.map(segmentLength);
  const lcd = lengths.reduce((acc, r) => lcm(acc, Number(r.d)), 1);
  const shares = lengths.map((r) => Number(r.n) * (lcd / Number(r.d)));
  const order = shares.map((share, i) => ({ share, i })).sort((a, b) => b.share - a.share); // stable
  const picked: number[][] = sequence.map(() => []);
  const chosen = order.map(() => 0);
  for (let i = 0; i < lcd; i++) {
    for (let k = 0; k < order.length; k++) {
      const { share, i: original } = order[k] as { share: number; i: number };
      const num = (chosen[k] as number) * lcd;
      const quotient = Math.floor(num / share);
      if (i > quotient || (i === quotient && num % share === 0)) {
        chosen[k] = (chosen[k] as number) + 1;
        (picked[original] as number[]).push(i);
        break;
      }
    }
  }
  const stripes = picked.map((indexes) => ({
    start: indexes[0] as number,
    offsets: indexes.map((value, k) => (indexes[k + 1] ?? (indexes[0] as number) + lcd) - value),
    lcd,
  }));
  return { sequence, index, lcd, stripes };
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

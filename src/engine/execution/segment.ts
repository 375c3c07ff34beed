// Execution segments and segment sequences: parsing, validation and printing with k6's rules and error texts
// (lib/execution_segment.go: NewExecutionSegmentFromString, NewExecutionSegmentSequenceFromString).
import {
  compareRational,
  formatRational,
  formatRationalFixed2,
  ONE,
  parseRational,
  type Rational,
  subtractRational,
  ZERO,
} from './rational.ts';

/** The (from, to] share of the whole test this instance runs; 0 <= from < to <= 1. */
export interface ExecutionSegment {
  readonly from: Rational;
  readonly to: Rational;
}

/** Consecutive segments, the end of each the start of the next ("0,1/3,2/3,1"). */
export type SegmentSequence = readonly ExecutionSegment[];

/** The whole test, 0:1. */
export const FULL_SEGMENT: ExecutionSegment = { from: ZERO, to: ONE };

/** Checks 0 <= from < to <= 1; throws k6's message otherwise. */
export function createSegment(from: Rational, to: Rational): ExecutionSegment {
  if (compareRational(from, ZERO) < 0) {
    throw new Error(`segment start value must be at least 0 but was ${formatRationalFixed2(from)}`);
  }
  if (compareRational(from, to) >= 0) {
    throw new Error(
      `segment start(${formatRationalFixed2(from)}) must be less than its end(${formatRationalFixed2(to)})`,
    );
  }
  if (compareRational(to, ONE) > 0) {
    throw new Error(`segment end value can't be more than 1 but was ${formatRationalFixed2(to)}`);
  }
  return { from, to };
}

/** Parses "1/3:2/3", "50%:75%", "0.5:0.75" or a bare end ("20%" is 0:1/5; "" is 0:1). */
export function parseSegment(text: string): ExecutionSegment {
  const colon = text.indexOf(':');
  const fromText = colon < 0 ? undefined : text.slice(0, colon);
  const toText = colon < 0 ? text || '1' : text.slice(colon + 1);
  const from = fromText === undefined ? ZERO : readPoint(fromText);
  return createSegment(from, readPoint(toText));
}

/** Parses "r1,r2,...,rn" into (r1,r2], (r2,r3], ...; an empty text is no sequence (an empty array). */
export function parseSegmentSequence(text: string): ExecutionSegment[] {
  if (text === '') return [];
  const points = text.split(',');
  if (points.length < 2) {
    throw new Error(`at least 2 points are needed for an execution segment sequence, ${points.length} given`);
  }
  const rationals = points.map(readPoint);
  return rationals.slice(1).map((to, i) => createSegment(rationals[i] as Rational, to));
}

/** "1/3:2/3", as k6 prints a segment. */
export function formatSegment(segment: ExecutionSegment): string {
  return `${formatRational(segment.from)}:${formatRational(segment.to)}`;
}

/** "0,1/3,2/3,1", as k6 prints a sequence. */
export function formatSequence(sequence: SegmentSequence): string {
  const first = sequence[0];
  if (!first) return '';
  return [first.from, ...sequence.map((s) => s.to)].map(formatRational).join(',');
}

/** The segment's share of the whole, to - from. */
export function segmentLength(segment: ExecutionSegment): Rational {
  return subtractRational(segment.to, segment.from);
}

/** Whether two segments have the same bounds. */
export function segmentsEqual(a: ExecutionSegment, b: ExecutionSegment): boolean {
  return compareRational(a.from, b.from) === 0 && compareRational(a.to, b.to) === 0;
}

/**
 * The sequence with the gaps before and after filled so it covers 0..1 (k6's GetFilledExecutionSegmentSequence);
 * without a sequence, the segment and the pieces around it.
 */
export function fillSequence(sequence: SegmentSequence, segment: ExecutionSegment): ExecutionSegment[] {
  const result = sequence.length > 0 ? [...sequence] : [segment];
  const first = result[0] as ExecutionSegment;
  const last = result[result.length - 1] as ExecutionSegment;
  if (compareRational(first.from, ZERO) !== 0) result.unshift({ from: ZERO, to: first.from });
  if (compareRational(last.to, ONE) !== 0) result.push({ from: last.to, to: ONE });
  return result;
}

/** k6's Options.Validate check: with a sequence given, the segment (0:1 if unset) must be one of its parts. */
export function findSegmentIndex(sequence: SegmentSequence, segment: ExecutionSegment): number {
  const index = sequence.findIndex((s) => segmentsEqual(s, segment));
  if (index < 0) {
    throw new Error(
      `provided segment ${formatSegment(segment)} can't be found in sequence ${formatSequence(sequence)}`,
    );
  }
  return index;
}

function readPoint(text: string): Rational {
  const value = parseRational(text);
  if (value !== undefined) return value;
  throw new Error(
    text.endsWith('%')
      ? `'${text}' is not a valid percentage`
      : `'${text}' is not a valid percentage, decimal, fraction or interval value`,
  );
}

// The execution-segment options of every config tier (`executionSegment`, `executionSegmentSequence`,
// K6_EXECUTION_SEGMENT*, --execution-segment*), layered and validated into one ExecutionTuple as k6 does.
import { createExecutionTuple, type ExecutionTuple } from './execution-tuple.ts';
import { describeValue } from './field-reader.ts';
import {
  type ExecutionSegment,
  findSegmentIndex,
  FULL_SEGMENT,
  parseSegment,
  parseSegmentSequence,
} from './segment.ts';

/** One tier's raw options and how its errors name it ("script option 'executionSegment'"). */
export interface SegmentTier {
  tier: string;
  raw: Readonly<Record<string, unknown>>;
  /** The names the tier uses for the two keys, when not the script's. */
  names?: { segment: string; sequence: string };
}

const SCRIPT_NAMES = { segment: 'executionSegment', sequence: 'executionSegmentSequence' };

/** The tier of K6_EXECUTION_SEGMENT and K6_EXECUTION_SEGMENT_SEQUENCE. */
export function readEnvSegmentTier(env: Readonly<Record<string, string | undefined>>): SegmentTier {
  return {
    tier: 'environment',
    raw: {
      executionSegment: env.K6_EXECUTION_SEGMENT,
      executionSegmentSequence: env.K6_EXECUTION_SEGMENT_SEQUENCE,
    },
    names: { segment: 'K6_EXECUTION_SEGMENT', sequence: 'K6_EXECUTION_SEGMENT_SEQUENCE' },
  };
}

/**
 * Layers the tiers (lowest first; a higher tier's value replaces a lower one's, key by key, as k6's Options.Apply)
 * and builds the tuple: the whole test when neither is set. Problems are appended to `errors` with k6's texts.
 */
export function resolveSegmentTuple(tiers: readonly SegmentTier[], errors: string[]): ExecutionTuple {
  let segment: { value: ExecutionSegment; label: string } | undefined;
  let sequence: { value: ExecutionSegment[]; label: string } | undefined;
  const before = errors.length;
  for (const { tier, raw, names = SCRIPT_NAMES } of tiers) {
    const segmentLabel = `${tier} option '${names.segment}'`;
    const parsedSegment = readText(raw.executionSegment, segmentLabel, parseSegment, errors);
    if (parsedSegment) segment = { value: parsedSegment, label: segmentLabel };
    const sequenceLabel = `${tier} option '${names.sequence}'`;
    const parsedSequence = readText(
      raw.executionSegmentSequence,
      sequenceLabel,
      parseSegmentSequence,
      errors,
    );
    if (parsedSequence) sequence = { value: parsedSequence, label: sequenceLabel };
  }
  if (errors.length > before) return createExecutionTuple();
  try {
    const chosen = segment?.value ?? FULL_SEGMENT;
    if (sequence) findSegmentIndex(sequence.value, chosen); // k6's Options.Validate: before the gaps are filled
    return createExecutionTuple(chosen, sequence?.value ?? []);
  } catch (error) {
    const where = [segment?.label, sequence?.label].filter(Boolean).join(' and ');
    errors.push(`${where}: ${(error as Error).message}`);
    return createExecutionTuple();
  }
}

function readText<T>(
  value: unknown,
  label: string,
  parse: (text: string) => T,
  errors: string[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors.push(`${label}: expected a string such as "1/3:2/3", got ${describeValue(value)}`);
    return undefined;
  }
  try {
    return parse(value);
  } catch (error) {
    errors.push(`${label}: ${(error as Error).message}`);
    return undefined;
  }
}

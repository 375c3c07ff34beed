import { parseDuration } from '../duration.ts';

/** One threshold as configured: `"p(95)<500"` or `{threshold, abortOnFail, delayAbortEval}`. */
export interface ThresholdConfig {
  readonly source: string;
  readonly abortOnFail: boolean;
  /** Minimum test-run time before abortOnFail may abort; undefined when unset. */
  readonly delayAbortEvalMs: number | undefined;
}

/** Parses one entry of `thresholds[name]`; throws an Error naming the bad field. */
export function parseThresholdConfig(value: unknown): ThresholdConfig {
  if (typeof value === 'string') return { source: value, abortOnFail: false, delayAbortEvalMs: undefined };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `expected a string or {threshold, abortOnFail, delayAbortEval}, got ${JSON.stringify(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  const { threshold, abortOnFail, delayAbortEval } = record;
  if (typeof threshold !== 'string') {
    throw new Error(`"threshold" must be a string expression, got ${JSON.stringify(threshold)}`);
  }
  if (abortOnFail !== undefined && typeof abortOnFail !== 'boolean') {
    throw new Error(`"abortOnFail" must be true or false, got ${JSON.stringify(abortOnFail)}`);
  }
  return {
    source: threshold,
    abortOnFail: abortOnFail ?? false,
    delayAbortEvalMs: parseDelay(delayAbortEval),
  };
}

/** Parses `thresholds[name]`: an array of entries (k6 rejects a bare string). */
export function parseThresholdConfigList(value: unknown): ThresholdConfig[] {
  if (!Array.isArray(value)) {
    throw new Error(`thresholds must be an array like ["p(95)<500"], got ${JSON.stringify(value)}`);
  }
  return value.map((entry: unknown) => parseThresholdConfig(entry));
}

function parseDelay(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(
      `"delayAbortEval" must be a duration like "1m" or a number of ms, got ${JSON.stringify(value)}`,
    );
  }
  try {
    return parseDuration(value);
  } catch (error) {
    throw new Error(`"delayAbortEval": ${(error as Error).message}`);
  }
}

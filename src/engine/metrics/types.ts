/** One measurement, as k6's metrics.Sample; `time` is epoch ms and may be fractional. */
export interface Sample {
  readonly metric: string;
  readonly time: number;
  readonly value: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Non-indexed tags (e.g. vu, iter): written to outputs, never matched by sub-metrics. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** What a metric's values mean: plain numbers, milliseconds, or bytes. */
export type ValueType = 'default' | 'time' | 'data';

export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'rate', 'trend'];
export const VALUE_TYPES: readonly ValueType[] = ['default', 'time', 'data'];

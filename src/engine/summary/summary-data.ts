// The legacy handleSummary(data) shape (internal/js/summary.go summarizeMetricsToObject); keys are k6's.
import type { MetricType, ValueType } from '../metrics/types.ts';

export interface SummaryCheck {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface SummaryGroup {
  name: string;
  path: string;
  id: string;
  groups: SummaryGroup[];
  checks: SummaryCheck[];
}

export interface SummaryMetric {
  type: MetricType;
  contains: ValueType;
  /** counter {count, rate} | gauge {value, min, max} | rate {rate, passes, fails} | trend {<summaryTrendStats>} */
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryOptions {
  summaryTrendStats: string[];
  /** "" when unset, else "s" | "ms" | "us". */
  summaryTimeUnit: string;
  noColor: boolean;
}

export interface SummaryState {
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
  testRunDurationMs: number;
}

export interface SummaryData {
  root_group: SummaryGroup;
  options: SummaryOptions;
  state: SummaryState;
  metrics: Record<string, SummaryMetric>;
  /** setup()'s return value after its JSON round-trip; undefined without setup. */
  setup_data: unknown;
}

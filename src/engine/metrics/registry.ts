import { Metric } from './metric.ts';
import { validateMetricName } from './metric-name.ts';
import type { MetricType, Sample, ValueType } from './types.ts';

/** All metrics of a run by name (k6 metrics.Registry); sub-metrics hang off their parent. */
export class MetricRegistry {
  private readonly metrics = new Map<string, Metric>();

  /**
   * `trendExactLimit`: how many values each Trend keeps exactly before its log histogram (the engine's bound by
   * default; Infinity where every percentile must be exact, as in a distributed run's merge).
   */
  constructor(private readonly options: { trendExactLimit?: number } = {}) {}

  /**
   * Defines a metric, or returns the existing one when type (and `contains`, if given) match.
   * Throws k6's errors for a bad name or a redefinition with another type.
   */
  define(name: string, type: MetricType, contains?: ValueType): Metric {
    validateMetricName(name);
    const existing = this.metrics.get(name);
    if (existing === undefined) {
      const metric = new Metric(name, type, contains ?? 'default', this.options.trendExactLimit);
      this.metrics.set(name, metric);
      return metric;
    }
    if (existing.type !== type) {
      throw new Error(`metric '${name}' already exists but with type ${existing.type}, instead of ${type}`);
    }
    if (contains !== undefined && existing.contains !== contains) {
      throw new Error(
        `metric '${name}' already exists but with a value type ${existing.contains}, instead of ${contains}`,
      );
    }
    return existing;
  }

  get(name: string): Metric | undefined {
    return this.metrics.get(name);
  }

  /** Top-level metrics in definition order. */
  all(): Metric[] {
    return [...this.metrics.values()];
  }

  /** Top-level metrics followed by each one's sub-metric Metrics, in definition order. */
  allWithSubmetrics(): Metric[] {
    return this.all().flatMap((metric) => [metric, ...metric.submetrics.map((sub) => sub.metric)]);
  }

  /** Adds a sample to its metric's sink and matching sub-metrics: one map lookup plus the sub-metric scan. */
  add(sample: Sample): void {
    const metric = this.metrics.get(sample.metric);
    if (metric === undefined) throw new Error(`sample for unknown metric '${sample.metric}'`);
    metric.add(sample);
  }
}

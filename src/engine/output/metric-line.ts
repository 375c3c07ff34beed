import { formatGoDuration } from '../duration.ts';
import type { Metric } from '../metrics/metric.ts';
import type { ThresholdConfig } from '../thresholds/threshold-config.ts';

/** The `{"type":"Metric",...}` line k6 writes before a metric's first Point (json/wrapper.go metricEnvelope). */
export function formatMetricLine(metric: Metric, thresholds: readonly ThresholdConfig[]): string {
  const submetrics = metric.submetrics.map((sub) => ({
    name: sub.name,
    suffix: sub.suffix,
    tags: sortKeys(sub.tags),
  }));
  return `${JSON.stringify({
    type: 'Metric',
    data: {
      name: metric.name,
      type: metric.type,
      contains: metric.contains,
      thresholds: thresholds.map(marshalThreshold),
      // Go marshals the nil slice of a metric without sub-metrics as null.
      submetrics: submetrics.length > 0 ? submetrics : null,
    },
    metric: metric.name,
  })}\n`;
}

// k6 thresholdConfig.MarshalJSON: a bare string unless abortOnFail is set.
function marshalThreshold(config: ThresholdConfig): unknown {
  if (!config.abortOnFail) return config.source;
  const delay = config.delayAbortEvalMs;
  return {
    threshold: config.source,
    abortOnFail: true,
    delayAbortEval: delay === undefined ? null : formatGoDuration(delay),
  };
}

function sortKeys(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import type { Metric } from '../metrics/metric.ts';
import type { TrendSink } from '../metrics/trend-sink.ts';
import { compareThreshold, type ThresholdExpression } from './threshold-expression.ts';
import type { MetricThresholds, ThresholdSet } from './threshold-set.ts';

export interface ThresholdEvaluation {
  /** Names of the (sub-)metrics with a failed threshold, sorted. */
  readonly breached: string[];
  /** An abortOnFail threshold failed after its delayAbortEval. */
  readonly shouldAbort: boolean;
}

export interface EvaluateOptions {
  /** Test-run time so far: the Counter `rate` denominator and the delayAbortEval clock. */
  readonly elapsedMs: number;
  /** Periodic runs skip metrics without samples; the final run does not. */
  readonly ignoreEmptySinks: boolean;
}

/** Evaluates every threshold (k6 MetricsEngine.evaluateThresholds), updating each one's `lastFailed`. */
export function evaluateThresholds(set: ThresholdSet, options: EvaluateOptions): ThresholdEvaluation {
  const breached: string[] = [];
  let shouldAbort = false;
  for (const entry of set.entries) {
    if (entry.thresholds.length === 0) continue;
    if (options.ignoreEmptySinks && entry.metric.sink.isEmpty()) continue;
    if (runThresholds(entry, options.elapsedMs)) continue;
    if (!breached.includes(entry.metric.name)) breached.push(entry.metric.name);
    if (entry.abort) shouldAbort = true;
  }
  breached.sort();
  return { breached, shouldAbort };
}

// k6 Thresholds.runAll: all thresholds run; abort turns on for a failing abortOnFail one past its delay.
function runThresholds(entry: MetricThresholds, elapsedMs: number): boolean {
  let succeeded = true;
  for (const threshold of entry.thresholds) {
    const actual = aggregateMetric(entry.metric, threshold.expression, elapsedMs);
    // A missing aggregate (empty Rate, Counter rate at t=0) passes.
    const passes =
      actual === undefined ||
      compareThreshold(actual, threshold.expression.operator, threshold.expression.value);
    threshold.lastFailed = !passes;
    if (passes) continue;
    succeeded = false;
    if (entry.abort || !threshold.config.abortOnFail) continue;
    const delay = threshold.config.delayAbortEvalMs;
    entry.abort = delay === undefined || delay < elapsedMs;
  }
  return succeeded;
}

/** The value a threshold compares, or undefined where k6 has no sink key for it. */
export function aggregateMetric(
  metric: Metric,
  expression: ThresholdExpression,
  elapsedMs: number,
): number | undefined {
  const sink = metric.sink;
  switch (sink.type) {
    case 'counter':
      if (expression.aggregation === 'count') return sink.count;
      return elapsedMs > 0 ? sink.count / (elapsedMs / 1000) : undefined;
    case 'gauge':
      return sink.value;
    case 'rate':
      return sink.total > 0 ? sink.passes / sink.total : undefined;
    case 'trend':
      return aggregateTrend(sink, expression);
  }
}

function aggregateTrend(sink: TrendSink, expression: ThresholdExpression): number {
  switch (expression.aggregation) {
    case 'avg':
      return sink.avg;
    case 'min':
      return sink.min;
    case 'max':
      return sink.max;
    case 'med':
      return sink.med;
    default:
      return sink.percentile((expression.percentile ?? 0) / 100);
  }
}

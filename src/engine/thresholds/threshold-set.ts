import { addExpectedResponseSubmetric } from '../metrics/builtin-metrics.ts';
import type { Metric } from '../metrics/metric.ts';
import { splitMetricName } from '../metrics/metric-selector.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import { parseThresholdConfigList, type ThresholdConfig } from './threshold-config.ts';
import { invalidThresholdError } from './threshold-errors.ts';
import {
  AGGREGATIONS_BY_TYPE,
  formatAggregation,
  parseThresholdExpression,
  supportsAggregation,
  type ThresholdExpression,
} from './threshold-expression.ts';

/** One parsed threshold and the outcome of its last evaluation. */
export interface Threshold {
  readonly config: ThresholdConfig;
  readonly source: string;
  readonly expression: ThresholdExpression;
  lastFailed: boolean;
}

/** The thresholds configured under one key of `options.thresholds`, bound to their (sub-)metric. */
export interface MetricThresholds {
  /** The key as written in the options. */
  readonly name: string;
  readonly metric: Metric;
  readonly thresholds: readonly Threshold[];
  /** Sticky: set once an abortOnFail threshold failed past its delayAbortEval. */
  abort: boolean;
}

export interface ThresholdSet {
  readonly entries: readonly MetricThresholds[];
}

export interface ThresholdSetOptions {
  /** Create http_req_duration{expected_response:true} as k6 does (default true). */
  readonly expectedResponseSubmetric?: boolean;
}

/**
 * Validates `options.thresholds` against the registry (after init code defined custom metrics), creates
 * the sub-metrics they name and marks those metrics observed. Config errors are UserErrors with exit 104.
 */
export function createThresholdSet(
  config: Readonly<Record<string, unknown>> | undefined,
  registry: MetricRegistry,
  options: ThresholdSetOptions = {},
): ThresholdSet {
  const entries = Object.entries(config ?? {}).map(([name, value]) => bindThresholds(name, value, registry));
  if (options.expectedResponseSubmetric ?? true) addExpectedResponseSubmetric(registry);
  return { entries };
}

function bindThresholds(name: string, value: unknown, registry: MetricRegistry): MetricThresholds {
  const metric = resolveMetric(name, registry);
  let configs: ThresholdConfig[];
  try {
    configs = parseThresholdConfigList(value);
  } catch (error) {
    throw invalidThresholdError(name, (error as Error).message);
  }
  const thresholds = configs.map((config) => parseThreshold(name, metric, config));
  metric.observed = true;
  if (metric.submetric !== undefined) metric.submetric.parent.observed = true;
  return { name, metric, thresholds, abort: false };
}

function resolveMetric(name: string, registry: MetricRegistry): Metric {
  let parts;
  try {
    parts = splitMetricName(name);
  } catch (error) {
    throw invalidThresholdError(name, (error as Error).message);
  }
  const metric = registry.get(parts.parent);
  if (metric === undefined) {
    throw invalidThresholdError(name, `no metric named '${parts.parent}' exists in the script`);
  }
  if (parts.selector === undefined) return metric;
  try {
    return metric.addSubmetric(parts.selector).metric;
  } catch (error) {
    throw invalidThresholdError(name, (error as Error).message);
  }
}

function parseThreshold(name: string, metric: Metric, config: ThresholdConfig): Threshold {
  let expression: ThresholdExpression;
  try {
    expression = parseThresholdExpression(config.source);
  } catch (error) {
    throw invalidThresholdError(name, (error as Error).message, config.source);
  }
  if (!supportsAggregation(metric.type, expression)) {
    const supported = AGGREGATIONS_BY_TYPE[metric.type].join(', ');
    const reason = `unsupported aggregation method ${formatAggregation(expression)} on metric of type ${metric.type}; supported: ${supported}`;
    throw invalidThresholdError(name, reason, config.source);
  }
  return { config, source: config.source, expression, lastFailed: false };
}

import type { Metric } from '../metrics/metric.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import {
  DEFAULT_TREND_STATS,
  parseTrendStat,
  resolveTrendStat,
  type TrendStat,
} from '../metrics/trend-stats.ts';
import { EXIT_INVALID_CONFIG } from '../thresholds/threshold-errors.ts';
import type { ThresholdSet } from '../thresholds/threshold-set.ts';
import { UserError } from '../../util/errors.ts';
import type { GroupNode, GroupTree } from './group-tree.ts';
import type { SummaryData, SummaryGroup, SummaryMetric } from './summary-data.ts';

export interface BuildSummaryInput {
  readonly registry: MetricRegistry;
  readonly groups: GroupTree;
  readonly thresholds?: ThresholdSet;
  /** From before setup() to after teardown(); also the Counter `rate` denominator. */
  readonly testRunDurationMs: number;
  readonly summaryTrendStats?: readonly string[];
  readonly summaryTimeUnit?: string;
  readonly noColor?: boolean;
  readonly isStdOutTTY?: boolean;
  readonly isStdErrTTY?: boolean;
  readonly setupData?: unknown;
}

const TIME_UNITS = new Set(['', 's', 'ms', 'us']);

/** Builds handleSummary's `data` in k6's legacy shape: only observed metrics (samples or thresholds) appear. */
export function buildSummaryData(input: BuildSummaryInput): SummaryData {
  const trendStats = [...(input.summaryTrendStats ?? DEFAULT_TREND_STATS)];
  const timeUnit = input.summaryTimeUnit ?? '';
  const resolvers = validateSummaryOptions(trendStats, timeUnit);

  const metrics: Record<string, SummaryMetric> = {};
  const observed = input.registry.allWithSubmetrics().filter((metric) => metric.observed);
  for (const metric of observed.sort((a, b) => compareNames(a.name, b.name))) {
    metrics[metric.name] = {
      type: metric.type,
      contains: metric.contains,
      values: summarizeValues(metric, resolvers, input.testRunDurationMs),
    };
  }
  for (const entry of input.thresholds?.entries ?? []) {
    const target = metrics[entry.metric.name];
    if (target === undefined || entry.thresholds.length === 0) continue;
    target.thresholds ??= {};
    for (const threshold of entry.thresholds)
      target.thresholds[threshold.source] = { ok: !threshold.lastFailed };
  }

  return {
    root_group: exportGroup(input.groups.root),
    options: { summaryTrendStats: trendStats, summaryTimeUnit: timeUnit, noColor: input.noColor ?? false },
    state: {
      isStdOutTTY: input.isStdOutTTY ?? false,
      isStdErrTTY: input.isStdErrTTY ?? false,
      testRunDurationMs: input.testRunDurationMs,
    },
    metrics,
    setup_data: input.setupData,
  };
}

/** Checks summaryTrendStats and summaryTimeUnit (UserError, exit 104) and returns the parsed stats. */
export function validateSummaryOptions(
  trendStats: readonly string[],
  timeUnit: string,
): (readonly [string, TrendStat])[] {
  if (!TIME_UNITS.has(timeUnit)) {
    throw new UserError(`invalid summaryTimeUnit '${timeUnit}', use s, ms or us`, EXIT_INVALID_CONFIG);
  }
  return trendStats.map((stat) => {
    try {
      return [stat, parseTrendStat(stat)] as const;
    } catch (error) {
      throw new UserError(`summaryTrendStats: ${(error as Error).message}`, EXIT_INVALID_CONFIG);
    }
  });
}

// k6 metricValueGetter: the key order follows k6's maps as JS sees them.
function summarizeValues(
  metric: Metric,
  trendStats: readonly (readonly [string, TrendStat])[],
  durationMs: number,
): Record<string, number> {
  const sink = metric.sink;
  switch (sink.type) {
    case 'counter':
      return { count: sink.count, rate: sink.rate(durationMs) };
    case 'gauge':
      return { value: sink.value, min: sink.min, max: sink.max };
    case 'rate':
      return { rate: sink.rate, passes: sink.passes, fails: sink.fails };
    case 'trend':
      return Object.fromEntries(trendStats.map(([name, stat]) => [name, resolveTrendStat(sink, stat)]));
  }
}

function exportGroup(group: GroupNode): SummaryGroup {
  return {
    name: group.name,
    path: group.path,
    id: group.id,
    groups: [...group.groups.values()].map(exportGroup),
    checks: [...group.checks.values()].map((check) => ({
      name: check.name,
      path: check.path,
      id: check.id,
      passes: check.passes,
      fails: check.fails,
    })),
  };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

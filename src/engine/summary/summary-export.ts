import type { SummaryData, SummaryGroup } from './summary-data.ts';

type ExportedMetric = Record<string, number | Record<string, boolean>>;

/** The `--summary-export` document (summary-wrapper.js oldJSONSummary). */
export interface SummaryExport {
  root_group: ExportedGroup;
  metrics: Record<string, ExportedMetric>;
  setup_data?: unknown;
}

export interface ExportedGroup {
  name: string;
  path: string;
  id: string;
  groups: Record<string, ExportedGroup>;
  checks: Record<string, SummaryGroup['checks'][number]>;
}

/**
 * Converts handleSummary data to the old export format: metrics flattened to their values, a Rate's `rate`
 * renamed `value`, thresholds as `{src: failed}`, groups and checks keyed by name, options/state dropped.
 */
export function toSummaryExport(data: SummaryData): SummaryExport {
  // The JSON round-trip mirrors k6's copy: undefined setup_data disappears, NaN becomes null.
  const copy = JSON.parse(JSON.stringify(data)) as SummaryData;
  const metrics: Record<string, ExportedMetric> = {};
  for (const [name, metric] of Object.entries(copy.metrics)) {
    const flat: ExportedMetric = { ...metric.values };
    if (metric.thresholds !== undefined && Object.keys(metric.thresholds).length > 0) {
      flat['thresholds'] = Object.fromEntries(
        Object.entries(metric.thresholds).map(([source, result]) => [source, !result.ok]),
      );
    }
    if (metric.type === 'rate' && 'rate' in flat) {
      flat['value'] = flat['rate'] as number;
      delete flat['rate'];
    }
    metrics[name] = flat;
  }
  const result: SummaryExport = { root_group: transformGroup(copy.root_group), metrics };
  if ('setup_data' in copy) result.setup_data = copy.setup_data;
  return result;
}

/** The `--summary-export` file text: the export document indented with 4 spaces, as k6 writes it. */
export function formatSummaryExport(data: SummaryData): string {
  return JSON.stringify(toSummaryExport(data), null, 4);
}

function transformGroup(group: SummaryGroup): ExportedGroup {
  return {
    name: group.name,
    path: group.path,
    id: group.id,
    groups: Object.fromEntries(group.groups.map((child) => [child.name, transformGroup(child)])),
    checks: Object.fromEntries(group.checks.map((check) => [check.name, check])),
  };
}

// The headline table: throughput, latency percentiles, errors by kind and thresholds, as formatted strings.
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { RUN_FILES } from '../results/run-files.ts';
import type { LatencyPercentiles } from '../results/run-headline.ts';
import { formatDurationMs, formatTokensPerSecond } from './charts/format.ts';
import { formatCount, formatOptional, formatRequestsPerSecond, formatShare } from './format-values.ts';
import { damageOf } from './run-damage.ts';

/** One figure of the headline; `key` marks it on the page (data-metric) for tests and scrapers. */
export interface Figure {
  key: string;
  label: string;
  value: string;
}

/** One latency row: p50, p90, p95 and p99 cells keyed "<name>-<stat>". */
export interface LatencyRowView {
  name: string;
  cells: Figure[];
  count: string;
}

/** The headline, errors and thresholds sections of a report. */
export interface HeadlineView {
  /** Where the numbers come from. */
  source: string;
  figures: Figure[];
  latency: LatencyRowView[];
  errors: { kind: string; count: string; share: string }[];
  /** Said when there is no error row to show. */
  errorsNote: string | null;
  thresholds: { metric: string; expression: string; passed: boolean; mark: string; status: string }[];
  thresholdsNote: string;
  /** good: all passed; bad: one failed; neutral: none to judge. */
  thresholdsTone: 'good' | 'bad' | 'neutral';
}

const STATS = ['p50', 'p90', 'p95', 'p99'] as const;

const { summary: SUMMARY, metrics: METRICS } = RUN_FILES;

const SOURCES = {
  summary: `k6's summary (${SUMMARY})`,
  metrics: `the metric stream (${SUMMARY} is missing)`,
  none: `nothing: the run has neither ${SUMMARY} nor ${METRICS}`,
} as const;

// Where the headline's numbers come from, saying which file is damaged when one is.
function describeSource(analysis: RunAnalysis): string {
  const source = analysis.headline.source;
  const summary = damageOf(analysis, SUMMARY);
  const metrics = damageOf(analysis, METRICS);
  if (source === 'metrics' && summary) return `the metric stream (${SUMMARY} is damaged)`;
  if (source === 'metrics' && metrics) return `${SOURCES.metrics}; ${METRICS} is damaged: ${metrics.problem}`;
  if (source === 'none' && (summary || metrics)) {
    return `nothing: ${SUMMARY} and ${METRICS} are missing or damaged`;
  }
  return SOURCES[source];
}

function latencyRow(name: string, key: string, p: LatencyPercentiles | undefined): LatencyRowView {
  return {
    name,
    cells: STATS.map((stat) => ({
      key: `${key}-${stat}`,
      label: stat,
      value: formatOptional(p?.[stat], formatDurationMs),
    })),
    count: formatCount(p?.count),
  };
}

function serverRows(analysis: RunAnalysis): LatencyRowView[] {
  return (analysis.summary?.latency ?? [])
    .filter((row) => row.name.startsWith('server '))
    .map((row) => latencyRow(row.name, row.name.replace(' ', '-').toLowerCase(), row));
}

/** The headline of one run. */
export function buildHeadline(analysis: RunAnalysis): HeadlineView {
  const h = analysis.headline;
  const kinds = Object.entries(h.errorsByKind).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const passed = analysis.thresholds.filter((t) => t.ok).length;
  return {
    source: describeSource(analysis),
    figures: [
      { key: 'requests', label: 'requests', value: formatCount(h.requests) },
      { key: 'failed', label: 'failed', value: formatCount(h.failed) },
      { key: 'error-share', label: 'error share', value: formatShare(h.errorShare) },
      {
        key: 'requests-per-second',
        label: 'requests/s',
        value: formatRequestsPerSecond(h.requestsPerSecond),
      },
      {
        key: 'output-tokens-per-second',
        label: 'output tokens/s',
        value: formatOptional(h.outputTokensPerSecond, formatTokensPerSecond),
      },
      {
        key: 'peak-output-tokens-per-second',
        label: 'peak output tokens/s (busiest second)',
        value: formatOptional(h.peakOutputTokensPerSecond, formatTokensPerSecond),
      },
    ],
    latency: [
      latencyRow('TTFT', 'ttft', h.ttft),
      latencyRow('ITL', 'itl', h.itl),
      latencyRow('TPOT', 'tpot', h.tpot),
      latencyRow('E2E', 'e2e', h.e2e),
      ...serverRows(analysis),
    ],
    errors: kinds.map(([kind, count]) => ({
      kind,
      count: formatCount(count),
      share: formatShare(h.requests > 0 ? count / h.requests : undefined),
    })),
    errorsNote:
      kinds.length > 0
        ? null
        : analysis.missing.includes(METRICS)
          ? `error kinds come from the metric stream, and this run has no ${METRICS}`
          : damageOf(analysis, METRICS)?.unusable
            ? `error kinds come from the metric stream, and nothing could be read from ${METRICS}`
            : 'no request failed',
    thresholds: analysis.thresholds.map((t) => ({
      metric: t.metric,
      expression: t.expression,
      passed: t.ok,
      mark: t.ok ? '✓' : '✗',
      status: t.ok ? 'passed' : 'failed',
    })),
    thresholdsNote:
      analysis.thresholds.length > 0
        ? `${passed} of ${analysis.thresholds.length} passed`
        : analysis.summary
          ? 'the profile set no thresholds'
          : damageOf(analysis, SUMMARY)
            ? `thresholds are in ${SUMMARY}, which is damaged`
            : `thresholds are in ${SUMMARY}, which this run lacks`,
    thresholdsTone:
      analysis.thresholds.length === 0 ? 'neutral' : passed === analysis.thresholds.length ? 'good' : 'bad',
  };
}

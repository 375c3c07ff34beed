// The comparison table: each metric across the runs, with its delta against the first run as text, sign
// (▲ up, ▼ down, = unchanged) and verdict (better, worse, same) so that it reads without colour too.
import type { ComparisonRow, MetricDelta, MetricUnit } from '../results/compare-runs.ts';
import { formatDurationMs, formatNumber, formatPercent, formatTokensPerSecond } from './charts/format.ts';
import { formatOptional, formatRequestsPerSecond, formatShare } from './format-values.ts';

/** A value's change against the baseline, as shown. */
export interface DeltaView {
  text: string;
  sign: '▲' | '▼' | '=';
  verdict: MetricDelta['verdict'];
  /** "better than light abc123". */
  title: string;
}

/** One metric across the runs. */
export interface ComparisonRowView {
  key: string;
  label: string;
  direction: string;
  cells: { value: string; delta: DeltaView | null }[];
}

const LABELS: Record<string, string> = {
  requestsPerSecond: 'requests/s',
  outputTokensPerSecond: 'output tok/s',
  peakOutputTokensPerSecond: 'peak output tok/s',
  goodputPerSecond: 'goodput',
  goodputShare: 'goodput share',
  errorShare: 'error share',
};

function labelFor(key: string): string {
  const latency = /^(ttft|itl|tpot|e2e)(P\d+)Ms$/.exec(key);
  if (latency) return `${latency[1]?.toUpperCase()} ${latency[2]?.toLowerCase()}`;
  return LABELS[key] ?? key;
}

const FORMATS: Record<MetricUnit, (value: number) => string> = {
  'req/s': (v) => formatRequestsPerSecond(v),
  'tok/s': formatTokensPerSecond,
  ms: formatDurationMs,
  share: (v) => formatShare(v),
};

// A change of a share reads in percentage points when the baseline was 0 (no relative change exists).
function formatAbsolute(unit: MetricUnit, value: number): string {
  return unit === 'share' ? `${formatNumber(Math.abs(value) * 100)} pp` : FORMATS[unit](Math.abs(value));
}

function viewDelta(delta: MetricDelta, unit: MetricUnit, baseline: string): DeltaView {
  const title =
    delta.verdict === 'same' ? `about the same as ${baseline}` : `${delta.verdict} than ${baseline}`;
  if (delta.absolute === 0) return { text: '', sign: '=', verdict: delta.verdict, title };
  const sign = delta.absolute > 0 ? '▲' : '▼';
  const size =
    delta.relative !== undefined
      ? formatPercent(Math.abs(delta.relative) * 100)
      : formatAbsolute(unit, delta.absolute);
  return { text: `${delta.absolute > 0 ? '+' : '−'}${size}`, sign, verdict: delta.verdict, title };
}

/** The rows of the comparison table, the first run being the baseline; an unchanged value's delta is just "=". */
export function buildComparisonRows(rows: readonly ComparisonRow[], baseline: string): ComparisonRowView[] {
  return rows.map((row) => ({
    key: row.key,
    label: labelFor(row.key),
    direction: row.direction === 'higher-better' ? 'higher is better' : 'lower is better',
    cells: row.values.map((value, i) => {
      const delta = row.deltas[i];
      return {
        value: formatOptional(value, FORMATS[row.unit]),
        delta: delta ? viewDelta(delta, row.unit, baseline) : null,
      };
    }),
  }));
}

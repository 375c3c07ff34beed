// The old instance sweep's output: instance_sweep_<timestamp>.csv with its seven columns first (throughput in
// output tokens/s) and ours after, the top 5 configurations and the best one per instance count.
import { formatCsv, type CsvValue } from '../report/csv-format.ts';
import type { CampaignRecord, CellResult } from './types.ts';

export const INSTANCE_SWEEP_COLUMNS = [
  'instances',
  'parallel',
  'concurrency',
  'throughput',
  'total_tokens',
  'elapsed',
  'errors',
  'ttft_p50_ms',
  'ttft_p95_ms',
  'itl_p50_ms',
  'itl_p95_ms',
  'e2e_p50_ms',
  'e2e_p95_ms',
  'goodput_per_s',
  'nginx_5xx',
] as const;

/** One configuration of the sweep as the old script reported it. */
export interface InstanceSweepRow {
  cell: string;
  outcome: string;
  instances: number;
  parallel?: number;
  concurrency?: number;
  throughput: number;
  result: CellResult;
}

// Outcomes whose numbers count: a failed or broken run is listed in the CSV but never ranked.
const RANKED = new Set(['passed', 'thresholds_failed']);

/** The record's results as rows; a factor the spec did not vary is blank (instances then 1). */
export function instanceSweepRows(record: CampaignRecord): InstanceSweepRow[] {
  const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  return record.results.map((result) => ({
    cell: result.cell.id,
    outcome: result.outcome,
    instances: num(result.cell.server['instances']) ?? 1,
    ...optional(
      'parallel',
      num(
        result.cell.server['parallel_slots'] ??
          result.cell.server['max_num_seqs'] ??
          result.cell.server['num_parallel'],
      ),
    ),
    ...optional('concurrency', num(result.cell.load['concurrency'])),
    throughput: result.metrics.outputTokensPerSecond,
    result,
  }));
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** The CSV's text. */
export function renderInstanceSweepCsv(rows: readonly InstanceSweepRow[]): string {
  return formatCsv(
    INSTANCE_SWEEP_COLUMNS,
    rows.map((row): CsvValue[] => {
      const m = row.result.metrics;
      return [
        row.instances,
        row.parallel,
        row.concurrency,
        m.outputTokensPerSecond,
        m.outputTokens,
        m.durationSeconds,
        m.failed,
        m.ttftP50,
        m.ttftP95,
        m.itlP50,
        m.itlP95,
        m.e2eP50,
        m.e2eP95,
        m.goodputPerSecond,
        m.proxyErrors,
      ];
    }),
  );
}

/** The `count` highest-throughput rows among those that served (ties: fewer errors, then cell order). */
export function topRows(rows: readonly InstanceSweepRow[], count = 5): InstanceSweepRow[] {
  return rows
    .filter((row) => RANKED.has(row.outcome) && row.result.metrics.requests > 0)
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        b.row.throughput - a.row.throughput ||
        a.row.result.metrics.failed - b.row.result.metrics.failed ||
        a.index - b.index,
    )
    .slice(0, count)
    .map(({ row }) => row);
}

/** Per instance count (ascending), its highest-throughput row. */
export function bestPerInstances(rows: readonly InstanceSweepRow[]): InstanceSweepRow[] {
  const counts = [...new Set(rows.map((row) => row.instances))].sort((a, b) => a - b);
  return counts.flatMap((n) =>
    topRows(
      rows.filter((row) => row.instances === n),
      1,
    ),
  );
}

/** The text printed at the end: the top 5 and the best configuration per instance count. */
export function formatInstanceSweepSummary(rows: readonly InstanceSweepRow[]): string {
  const line = (row: InstanceSweepRow, rank?: number): string => {
    const m = row.result.metrics;
    return `${rank === undefined ? '' : `${rank}. `}instances=${row.instances} parallel=${row.parallel ?? '-'} concurrency=${row.concurrency ?? '-'}: ${row.throughput.toFixed(1)} tok/s, ${m.outputTokens} tokens in ${m.durationSeconds.toFixed(1)} s, errors ${m.failed}${m.proxyErrors > 0 ? `, nginx 5xx ${m.proxyErrors}` : ''} (${row.cell})`;
  };
  const top = topRows(rows);
  const best = bestPerInstances(rows);
  return [
    'top 5 configurations by throughput (output tokens/s):',
    ...(top.length === 0
      ? ['  none served: no configuration is ranked']
      : top.map((row, i) => `  ${line(row, i + 1)}`)),
    'best configuration per instance count:',
    ...(best.length === 0 ? ['  none'] : best.map((row) => `  ${line(row)}`)),
  ].join('\n');
}

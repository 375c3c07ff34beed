// campaign.csv: every cell (run, skipped or not yet run) with every measured number, one row each.
import { formatCsv, type CsvValue } from '../report/csv-format.ts';
import type { CampaignRecord, CellMetrics } from './types.ts';

export const CAMPAIGN_CSV = 'campaign.csv';

const METRICS: [string, (m: CellMetrics) => number | undefined][] = [
  ['requests', (m) => m.requests],
  ['failed', (m) => m.failed],
  ['duration_s', (m) => m.durationSeconds],
  ['requests_per_s', (m) => m.requestsPerSecond],
  ['output_tokens_per_s', (m) => m.outputTokensPerSecond],
  ['output_tokens', (m) => m.outputTokens],
  ['goodput_per_s', (m) => m.goodputPerSecond],
  ['ttft_p50_ms', (m) => m.ttftP50],
  ['ttft_p95_ms', (m) => m.ttftP95],
  ['itl_p50_ms', (m) => m.itlP50],
  ['itl_p95_ms', (m) => m.itlP95],
  ['tpot_p50_ms', (m) => m.tpotP50],
  ['tpot_p95_ms', (m) => m.tpotP95],
  ['e2e_p50_ms', (m) => m.e2eP50],
  ['e2e_p95_ms', (m) => m.e2eP95],
  ['proxy_errors', (m) => m.proxyErrors],
];

/** The CSV's text: cell, factors, status, run, metrics, errors by kind, why a cell was skipped. */
export function renderCampaignCsv(record: CampaignRecord): string {
  const header = [
    'cell',
    'server_index',
    'repetition',
    ...record.serverFactors,
    ...record.loadFactors,
    'status',
    'outcome',
    'run_id',
    ...METRICS.map(([name]) => name),
    'errors_by_kind',
    'skip_reason',
  ];
  const results = new Map(record.results.map((r) => [r.cell.id, r]));
  const skipped = new Map(record.skipped.map((s) => [s.cell.id, s.reason]));
  const rows = record.cells.map((cell): CsvValue[] => {
    const result = results.get(cell.id);
    const reason = skipped.get(cell.id);
    const status = result ? 'done' : reason !== undefined ? 'skipped' : 'not run';
    return [
      cell.id,
      cell.serverIndex,
      cell.repetition,
      ...record.serverFactors.map((name) => cell.server[name]),
      ...record.loadFactors.map((name) => cell.load[name]),
      status,
      result?.outcome,
      result?.runId,
      ...METRICS.map(([, value]) => (result ? value(result.metrics) : undefined)),
      result ? formatKinds(result.metrics.errorsByKind) : undefined,
      reason,
    ];
  });
  return formatCsv(header, rows);
}

function formatKinds(kinds: Record<string, number>): string {
  return Object.entries(kinds)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, count]) => `${kind}=${count}`)
    .join(';');
}

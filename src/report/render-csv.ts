// The run as CSV for spreadsheets: series.csv (one row per second) and summary.csv (one row: the headline, so
// that the summary.csv of many runs concatenate into one table). Raw numbers, not formatted strings.
import type { Diagnosis } from '../diagnose/verdict/diagnosis.ts';
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import type { LatencyPercentiles } from '../results/run-headline.ts';
import { formatCsv, type CsvValue } from './csv-format.ts';
import { redactTarget } from './report-title.ts';

const SERIES_HEADER = [
  't_s',
  'seconds',
  'active_vus',
  'vus_steady',
  'requests',
  'failed',
  'requests_per_s',
  'output_tokens_per_s',
  'prompt_tokens_per_s',
  'offered_per_s',
  'ttft_p50_ms',
  'ttft_p95_ms',
  'e2e_p95_ms',
];

/** series.csv: every bucket of the run, with one errors_<kind> column per error kind seen. */
export function renderSeriesCsv(analysis: RunAnalysis): string {
  const kinds = [...new Set(analysis.series.flatMap((b) => Object.keys(b.errorsByKind)))].sort();
  const rows = analysis.series.map((b): CsvValue[] => [
    b.t,
    b.seconds,
    b.activeVus,
    b.vusSteady,
    b.requests,
    b.failed,
    b.requestsPerSecond,
    b.outputTokensPerSecond,
    b.promptTokensPerSecond,
    b.offeredPerSecond,
    b.ttftP50Ms,
    b.ttftP95Ms,
    b.e2eP95Ms,
    ...kinds.map((kind) => b.errorsByKind[kind] ?? 0),
  ]);
  return formatCsv([...SERIES_HEADER, ...kinds.map((kind) => `errors_${kind}`)], rows);
}

const LATENCIES = ['ttft', 'itl', 'tpot', 'e2e'] as const;
const STATS = ['p50', 'p90', 'p95', 'p99'] as const;

/** summary.csv: a header and one row with the run's facts, headline, goodput and verdict. */
export function renderSummaryCsv(analysis: RunAnalysis, diagnosis?: Diagnosis): string {
  const { meta, headline: h, goodput } = analysis;
  const fields: [string, CsvValue][] = [
    ['run_id', meta.id],
    ['profile', meta.profile],
    ['preset', meta.deployed?.preset],
    ['started_at', meta.startedAt],
    ['duration_s', analysis.durationSeconds],
    ['partial', meta.partial],
    ['exit_code', meta.exitCode],
    ['engine', meta.engine],
    ['target', redactTarget(meta.target)],
    ['requests', h.requests],
    ['failed', h.failed],
    ['error_share', h.errorShare],
    ['requests_per_s', h.requestsPerSecond],
    ['output_tokens_per_s', h.outputTokensPerSecond],
    ['peak_output_tokens_per_s', h.peakOutputTokensPerSecond],
    ...LATENCIES.flatMap((name) =>
      STATS.map((stat): [string, CsvValue] => [
        `${name}_${stat}_ms`,
        (h[name] as LatencyPercentiles | undefined)?.[stat],
      ]),
    ),
    ['goodput_per_s', goodput.goodputPerSecond],
    ['goodput_share', goodput.share],
    ['verdict', diagnosis?.verdict.kind],
  ];
  return formatCsv(
    fields.map(([name]) => name),
    [fields.map(([, value]) => value)],
  );
}

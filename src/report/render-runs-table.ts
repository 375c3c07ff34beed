// `inferload runs` as a plain-text table for the terminal.
import { outcomeLabel } from './outcome-text.ts';
import type { RunRow } from '../results/list-run-rows.ts';
import { RUN_FILES } from '../results/run-files.ts';
import { formatDurationMs, formatSeconds, formatTokensPerSecond } from './charts/format.ts';
import { formatOptional, formatTimestamp } from './format-values.ts';
import { redactTarget } from './report-title.ts';

const HEADER = [
  'id',
  'started (UTC)',
  'profile',
  'preset',
  'target',
  'duration',
  'requests',
  'output',
  'p95 E2E',
  'status',
];
// Numbers are right-aligned.
const RIGHT = new Set(['duration', 'requests', 'output', 'p95 E2E']);

// A profile or target name must not drive the terminal (escape sequences, carriage returns).
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function status(row: RunRow): string {
  const base = outcomeStatus(row) ?? legacyStatus(row);
  if (!row.damaged) return base;
  // A run without a readable meta.json has no status of its own: the damage is all there is to say.
  return row.damaged.startsWith(`${RUN_FILES.meta}:`)
    ? `damaged: ${row.damaged}`
    : `${base}, damaged: ${row.damaged}`;
}

function outcomeStatus(row: RunRow): string | undefined {
  if (row.outcome === undefined) return undefined;
  return row.outcome === 'passed' ? 'ok' : outcomeLabel(row.outcome, row.exitCode);
}

// Runs saved before outcomes were computed: a run that finished no request is not "ok", whatever it exited with.
function legacyStatus(row: RunRow): string {
  if (row.requests === 0 && !row.partial) return 'FAILED (no request finished)';
  return row.partial
    ? row.exitCode !== undefined
      ? `partial (exit ${row.exitCode})`
      : 'partial'
    : row.exitCode
      ? `exit ${row.exitCode}`
      : 'ok';
}

/** The runs, newest first, one line each under a header; a line saying so when there are none. */
export function renderRunsTable(rows: readonly RunRow[], root: string): string {
  if (rows.length === 0) return `no saved runs in ${root} (make stress-test saves one)`;
  const cells = rows.map((r) =>
    [
      r.id,
      r.startedAt ? formatTimestamp(r.startedAt).replace(' UTC', '') : '-',
      r.profile,
      r.preset ?? '-',
      redactTarget(r.target),
      formatOptional(r.durationSeconds, formatSeconds),
      formatOptional(r.requests, String),
      formatOptional(r.outputTokensPerSecond, formatTokensPerSecond),
      formatOptional(r.e2eP95Ms, formatDurationMs),
      status(r),
    ].map(plain),
  );
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string =>
    c
      .map((text, i) =>
        RIGHT.has(HEADER[i] ?? '') ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...cells.map(line)].join('\n');
}

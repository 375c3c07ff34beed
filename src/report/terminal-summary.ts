import type { LlmRunSummary } from '../results/llm-summary.ts';

const ms = (v: number | undefined): string => {
  if (v === undefined) return '-';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
};

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

/** How much of a kind's first message the summary prints. */
const MESSAGE_CHARS = 160;

/** `  timeout      Post "http://...": context deadline exceeded`: a kind's first message on one line. */
function messageLine(kind: string, message: string, width: number): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  const shown = flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS - 1)}…` : flat;
  return `  ${kind.padEnd(width)}  ${shown}`;
}

/**
 * The compact end-of-run table: LLM metrics first, then errors by kind (with the first message of each kind
 * when `errorMessages` has one); the thresholds follow with the outcome (terminal-outcome.ts).
 */
export function renderTerminalSummary(
  s: LlmRunSummary,
  errorsByKind: Record<string, number>,
  errorMessages: Readonly<Record<string, readonly string[]>> = {},
): string {
  const lines: string[] = [];
  const errorShare = s.requests > 0 ? (100 * s.failed) / s.requests : 0;
  lines.push(
    `requests   ${s.requests} (${s.requestsPerSecond.toFixed(2)}/s), failed ${s.failed} (${errorShare.toFixed(1)}%)`,
  );
  if (s.outputTokens !== undefined) {
    lines.push(
      `tokens     output ${s.outputTokens} (${(s.outputTokensPerSecond ?? 0).toFixed(1)} tok/s), prompt ${s.promptTokens ?? '-'}`,
    );
  }
  if (s.missingUsage > 0) {
    lines.push(
      `note       ${s.missingUsage} responses carried no token counts (usage): their tokens are not counted`,
    );
  }
  if (s.latency.length > 0) {
    const widths = [14, 9, 9, 9, 9, 7];
    lines.push('', pad(['latency', 'p50', 'p90', 'p95', 'p99', 'n'], widths));
    for (const row of s.latency) {
      lines.push(
        pad([row.name, ms(row.p50), ms(row.p90), ms(row.p95), ms(row.p99), String(row.count ?? '')], widths),
      );
    }
  } else {
    lines.push('latency    no successful request');
  }
  const kinds = Object.entries(errorsByKind).sort((a, b) => b[1] - a[1]);
  if (kinds.length > 0) {
    lines.push('', `errors     ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const width = Math.max(...kinds.map(([k]) => k.length));
    for (const [kind] of kinds) {
      const first = errorMessages[kind]?.[0];
      if (first !== undefined && first.trim() !== '') lines.push(messageLine(kind, first, width));
    }
  }
  return lines.join('\n');
}

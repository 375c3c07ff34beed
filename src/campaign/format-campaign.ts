// The campaign's terminal text: the plan printed first, the progress line before each cell, a line after it.
import type { CampaignPlan } from './plan-campaign.ts';
import type { CampaignCell, CellResult, FactorValue } from './types.ts';

/** `parallel_slots=4 concurrency=8` */
export function describeFactors(...groups: Record<string, FactorValue>[]): string {
  const parts = groups.flatMap((g) => Object.entries(g).map(([k, v]) => `${k}=${String(v)}`));
  return parts.length === 0 ? '(base preset)' : parts.join(' ');
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** The plan: what runs where, each server cell with its cells, what is skipped and why, the estimate. */
export function formatPlan(
  plan: CampaignPlan,
  header: string,
  done: ReadonlySet<string> = new Set(),
): string {
  const lines = [header];
  const running = plan.cells.length - plan.skipped.length;
  for (const server of plan.servers) {
    const cells = plan.cells.filter((c) => c.serverIndex === server.index);
    const mark = server.skip === undefined ? '' : '  SKIPPED';
    lines.push(
      `  s${String(server.index).padStart(2, '0')} ${describeFactors(server.factors)} (preset ${server.presetName})${mark}`,
    );
    if (server.skip !== undefined) {
      lines.push(`      why: ${server.skip}`);
      continue;
    }
    for (const cell of cells)
      lines.push(`      ${cell.id} ${describeFactors(cell.load)}${done.has(cell.id) ? '  (done)' : ''}`);
  }
  const left =
    plan.cells.filter((c) => !done.has(c.id)).length -
    plan.skipped.filter((s) => !done.has(s.cell.id)).length;
  lines.push(
    `cells: ${plan.cells.length} (${plan.servers.length} server x ${plan.cells.length / Math.max(1, plan.servers.length)} load), ` +
      `${plan.skipped.length} skipped, ${running} to run${done.size > 0 ? ` in all: ${done.size} already done, ${left} left` : ''}`,
  );
  lines.push(
    `estimated duration: ${formatDuration(plan.estimatedSeconds)} (load time plus about a deploy per server cell)`,
  );
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** The line before a cell: where the campaign stands and the best cell so far. */
export function formatCellStart(
  position: { k: number; n: number; elapsedSeconds: number; remainingSeconds: number },
  cell: CampaignCell,
  best: CellResult | undefined,
): string {
  const bestText = best
    ? `best so far ${best.cell.id} ${best.metrics.outputTokensPerSecond.toFixed(1)} tok/s`
    : 'no best cell yet';
  return (
    `campaign: cell ${position.k} of ${position.n} ${cell.id} (${describeFactors(cell.server, cell.load)}), ` +
    `elapsed ${formatDuration(position.elapsedSeconds)}, remaining ~${formatDuration(position.remainingSeconds)}, ${bestText}`
  );
}

/** The line after a cell: what it measured. */
export function formatCellEnd(result: CellResult): string {
  const m = result.metrics;
  const errors = m.requests > 0 ? (100 * m.failed) / m.requests : 0;
  return (
    `campaign: ${result.cell.id} ${result.outcome}: ${m.requestsPerSecond.toFixed(2)} req/s, ` +
    `${m.outputTokensPerSecond.toFixed(1)} tok/s, errors ${m.failed}/${m.requests} (${errors.toFixed(1)}%)` +
    `${m.proxyErrors > 0 ? `, proxy errors ${m.proxyErrors}` : ''}, run ${result.runId}`
  );
}

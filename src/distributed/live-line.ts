// The one live line of a distributed run: elapsed time, the request rate and error share summed over the parts,
// and each part's state, from the counts their REST APIs report.
import { clock } from '../engine/run/progress-line.ts';

export type PartCounts =
  { name: string; requests: number; failedShare: number } | { name: string; exited: number };

/**
 * Formats the line; `history` (kept by the caller between calls) holds earlier totals so the rate is the
 * recent one, over the last 10 s, not the run's average.
 */
export function formatLiveLine(
  counts: readonly PartCounts[],
  elapsedMs: number,
  history: { at: number; requests: number }[],
): string {
  const live = counts.filter((c): c is Extract<PartCounts, { requests: number }> => 'requests' in c);
  const requests = live.reduce((sum, c) => sum + c.requests, 0);
  const failed = live.reduce((sum, c) => sum + c.requests * c.failedShare, 0);
  history.push({ at: elapsedMs, requests });
  while (history.length > 2 && (history[0]?.at ?? elapsedMs) < elapsedMs - 10_000) history.shift();
  const first = history[0] ?? { at: elapsedMs, requests };
  const rate = elapsedMs > first.at ? ((requests - first.requests) * 1000) / (elapsedMs - first.at) : 0;
  const states = counts.map((c) => ('exited' in c ? `${c.name} exited ${c.exited}` : `${c.name} running`));
  return [
    `distributed: running (${clock(elapsedMs)})`,
    `${counts.length} parts`,
    `${requests} requests`,
    `${rate.toFixed(1)} req/s`,
    `errors ${requests > 0 ? ((100 * failed) / requests).toFixed(1) : '0.0'}%`,
    states.join(', '),
  ].join(', ');
}

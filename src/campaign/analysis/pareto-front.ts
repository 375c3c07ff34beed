// The Pareto front of total throughput (output tok/s) against per-user speed (1000 / TPOT p50, output tok/s
// each user sees at the median): the configurations no other beats on both at once. The median TPOT is the
// typical user's decode speed; p95 is kept for the tables. Only configurations that served their load count.
import { hasServed, type CellSummary } from './cell-summaries.ts';

/** A configuration placed on the two axes. */
export interface ParetoPoint {
  summary: CellSummary;
  /** Output tok/s per user: 1000 / TPOT p50 (ms). */
  perUserSpeed: number;
  throughput: number;
  onFront: boolean;
}

/** Every served configuration with a TPOT p50, and whether it is on the front; the front sorted by speed. */
export interface ParetoAnalysis {
  points: ParetoPoint[];
  front: ParetoPoint[];
}

function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return (
    a.perUserSpeed >= b.perUserSpeed &&
    a.throughput >= b.throughput &&
    (a.perUserSpeed > b.perUserSpeed || a.throughput > b.throughput)
  );
}

/** The Pareto front of throughput against per-user speed (equal points are both on it). */
export function computeParetoFront(summaries: readonly CellSummary[]): ParetoAnalysis {
  const placed = summaries
    .filter((s) => hasServed(s) && s.tpotP50 !== undefined && s.tpotP50 > 0)
    .map((summary) => ({
      summary,
      perUserSpeed: 1000 / (summary.tpotP50 as number),
      throughput: summary.outputTokensPerSecond,
      onFront: false,
    }));
  const points = placed.map((p) => ({ ...p, onFront: !placed.some((q) => dominates(q, p)) }));
  const front = points
    .filter((p) => p.onFront)
    .sort((a, b) => a.perUserSpeed - b.perUserSpeed || b.throughput - a.throughput);
  return { points, front };
}

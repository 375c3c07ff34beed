// Runs side by side: each metric with deltas against the first run, and the best configuration under an objective.
import { computeGoodput, type GoodputResult } from './goodput.ts';
import {
  DEFAULT_OBJECTIVE,
  latencyOverBudget,
  type LatencyOverBudget,
  type RunObjective,
} from './objective-defaults.ts';
import type { LoadAnalysis } from './run-analysis.ts';

export type Direction = 'higher-better' | 'lower-better';
export type Verdict = 'better' | 'worse' | 'same';
export type MetricUnit = 'req/s' | 'tok/s' | 'ms' | 'share';

/** A run's value against the first run's: `relative` is undefined when the first run's value is 0. */
export interface MetricDelta {
  absolute: number;
  relative?: number;
  verdict: Verdict;
}

/** One metric across the runs; `deltas[0]` (the baseline) and deltas with a missing value are undefined. */
export interface ComparisonRow {
  key: string;
  unit: MetricUnit;
  direction: Direction;
  values: (number | undefined)[];
  deltas: (MetricDelta | undefined)[];
}

export interface ComparedRun {
  id: string;
  /** The deployed preset (else the profile) and the id's random suffix: "balanced 3fa9c1". */
  label: string;
  profile: string;
  preset?: string;
}

/** Why a run is not the best one. */
export type LossReason =
  | { kind: 'over-budget'; e2eP95Ms: number; budgetMs: number }
  | ({ kind: 'over-latency' } & LatencyOverBudget)
  | { kind: 'too-many-errors'; errorShare: number; maxErrorShare: number }
  | { kind: 'lower-throughput'; outputTokensPerSecond: number; bestOutputTokensPerSecond: number }
  | { kind: 'no-data'; missing: ('e2eP95Ms' | 'errorShare' | 'outputTokensPerSecond')[] };

export interface BestRun {
  index: number;
  id: string;
  label: string;
  outputTokensPerSecond: number;
  e2eP95Ms: number;
  errorShare: number;
}

export interface RunComparison {
  objective: RunObjective;
  runs: ComparedRun[];
  rows: ComparisonRow[];
  /** Per run, against objective.slo. */
  goodput: GoodputResult[];
  best?: BestRun;
  /** Set when there is no best run. */
  noneReason?: 'no-runs' | 'none-qualifies';
  /** Every run but the best one, with its reasons. */
  losers: { index: number; id: string; label: string; reasons: LossReason[] }[];
}

export interface CompareOptions {
  /** Relative change treated as no change (default 0.02). */
  tolerance?: number;
}

interface RowSpec {
  key: string;
  unit: MetricUnit;
  direction: Direction;
  value: (run: LoadAnalysis, goodput: GoodputResult) => number | undefined;
}

const ROWS: RowSpec[] = [
  {
    key: 'requestsPerSecond',
    unit: 'req/s',
    direction: 'higher-better',
    value: (r) => r.headline.requestsPerSecond,
  },
  {
    key: 'outputTokensPerSecond',
    unit: 'tok/s',
    direction: 'higher-better',
    value: (r) => r.headline.outputTokensPerSecond,
  },
  {
    key: 'peakOutputTokensPerSecond',
    unit: 'tok/s',
    direction: 'higher-better',
    value: (r) => r.headline.peakOutputTokensPerSecond,
  },
  { key: 'goodputPerSecond', unit: 'req/s', direction: 'higher-better', value: (_, g) => g.goodputPerSecond },
  { key: 'goodputShare', unit: 'share', direction: 'higher-better', value: (_, g) => g.share },
  { key: 'errorShare', unit: 'share', direction: 'lower-better', value: (r) => r.headline.errorShare },
  ...(['ttft', 'itl', 'tpot', 'e2e'] as const).flatMap((name) =>
    (['p50', 'p90', 'p95', 'p99'] as const).map((stat): RowSpec => ({
      key: `${name}${stat.toUpperCase()}Ms`,
      unit: 'ms',
      direction: 'lower-better',
      value: (r) => r.headline[name]?.[stat],
    })),
  ),
];

/** Compares runs against the first one and picks the most output tokens/s that meets the objective. */
export function compareRuns(
  analyses: LoadAnalysis[],
  objective: RunObjective = DEFAULT_OBJECTIVE,
  options: CompareOptions = {},
): RunComparison {
  const tolerance = options.tolerance ?? 0.02;
  const goodput = analyses.map((a) => computeGoodput(a.requests, objective.slo, a.durationSeconds));
  const rows = ROWS.map((spec): ComparisonRow => {
    const values = analyses.map((a, i) => spec.value(a, goodput[i] as GoodputResult));
    const base = values[0];
    return {
      key: spec.key,
      unit: spec.unit,
      direction: spec.direction,
      values,
      deltas: values.map((v, i) =>
        i === 0 || v === undefined || base === undefined
          ? undefined
          : delta(base, v, spec.direction, tolerance),
      ),
    };
  });
  const runs = analyses.map(describeRun);
  return { objective, runs, rows, goodput, ...pickBest(analyses, runs, objective) };
}

function describeRun(analysis: LoadAnalysis): ComparedRun {
  const { id, profile, deployed } = analysis.meta;
  const suffix = id.slice(id.lastIndexOf('-') + 1);
  return {
    id,
    label: `${deployed?.preset ?? profile} ${suffix}`,
    profile,
    ...(deployed?.preset ? { preset: deployed.preset } : {}),
  };
}

function delta(base: number, value: number, direction: Direction, tolerance: number): MetricDelta {
  const absolute = value - base;
  const relative = base !== 0 ? absolute / Math.abs(base) : undefined;
  const change = relative ?? absolute;
  let verdict: Verdict = 'same';
  if (Math.abs(change) > (relative === undefined ? 0 : tolerance)) {
    verdict = change > 0 === (direction === 'higher-better') ? 'better' : 'worse';
  }
  return { absolute, ...(relative !== undefined ? { relative } : {}), verdict };
}

function pickBest(
  analyses: LoadAnalysis[],
  runs: ComparedRun[],
  objective: RunObjective,
): Pick<RunComparison, 'best' | 'noneReason' | 'losers'> {
  const judged = analyses.map((a, index) => ({ index, ...judge(a, objective) }));
  let best: (typeof judged)[number] | undefined;
  for (const run of judged) {
    if (run.reasons.length > 0 || run.throughput === undefined) continue;
    const bestThroughput = best?.throughput ?? Number.NEGATIVE_INFINITY;
    // Equal throughput: the lower p95 E2E wins.
    if (
      run.throughput > bestThroughput ||
      (run.throughput === bestThroughput && run.e2e < (best?.e2e ?? 0))
    ) {
      best = run;
    }
  }
  const losers = judged
    .filter((run) => run !== best)
    .map((run) => {
      const reasons = [...run.reasons];
      if (best && reasons.length === 0) {
        reasons.push({
          kind: 'lower-throughput',
          outputTokensPerSecond: run.throughput ?? 0,
          bestOutputTokensPerSecond: best.throughput ?? 0,
        });
      }
      const { id, label } = runs[run.index] as ComparedRun;
      return { index: run.index, id, label, reasons };
    });
  if (!best) return { noneReason: analyses.length === 0 ? 'no-runs' : 'none-qualifies', losers };
  const { id, label } = runs[best.index] as ComparedRun;
  return {
    best: {
      index: best.index,
      id,
      label,
      outputTokensPerSecond: best.throughput ?? 0,
      e2eP95Ms: best.e2e,
      errorShare: best.errors,
    },
    losers,
  };
}

function judge(
  analysis: LoadAnalysis,
  objective: RunObjective,
): { reasons: LossReason[]; throughput?: number; e2e: number; errors: number } {
  const e2e = analysis.headline.e2e?.p95;
  const errors = analysis.headline.errorShare;
  const throughput = analysis.headline.outputTokensPerSecond;
  const missing = (
    [
      ['e2eP95Ms', e2e],
      ['errorShare', errors],
      ['outputTokensPerSecond', throughput],
    ] as const
  )
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  const reasons: LossReason[] = [];
  if (missing.length > 0) reasons.push({ kind: 'no-data', missing });
  if (e2e !== undefined && e2e > objective.e2eP95BudgetMs) {
    reasons.push({ kind: 'over-budget', e2eP95Ms: e2e, budgetMs: objective.e2eP95BudgetMs });
  }
  for (const over of latencyOverBudget(objective, {
    ttftP95: analysis.headline.ttft?.p95,
    tpotP95: analysis.headline.tpot?.p95,
  }))
    reasons.push({ kind: 'over-latency', ...over });
  if (errors !== undefined && errors > objective.maxErrorShare) {
    reasons.push({ kind: 'too-many-errors', errorShare: errors, maxErrorShare: objective.maxErrorShare });
  }
  return { reasons, ...(throughput !== undefined ? { throughput } : {}), e2e: e2e ?? 0, errors: errors ?? 0 };
}

// Runs side by side, ready to render: labels, the metric table with deltas against the first run, the best
// configuration for the objective with the reason each other run lost, goodput per run, and the charts.
import { outcomeLabel } from './outcome-text.ts';
import type { RunComparison } from '../results/compare-runs.ts';
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { formatDurationMs, formatSeconds, formatTokensPerSecond } from './charts/format.ts';
import type { ChartView } from './chart-view.ts';
import { buildComparisonCharts } from './comparison-charts.ts';
import { buildComparisonRows, type ComparisonRowView } from './comparison-rows.ts';
import { describeGoodput, describeObjective, describeSlo } from './describe-objective.ts';
import { describeLossReason } from './describe-loss-reason.ts';
import { formatShare, formatTimestamp } from './format-values.ts';
import { redactTarget } from './report-title.ts';
import { describeRunDamage } from './run-damage.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';

/** One run in the comparison's run table. */
export interface ComparedRunView {
  label: string;
  id: string;
  profile: string;
  preset: string;
  started: string;
  duration: string;
  target: string;
  status: string;
}

/** Everything compare.html and compare.md show, formatted. */
export interface ComparisonModel {
  title: string;
  objective: string;
  slo: string;
  baseline: string;
  runs: ComparedRunView[];
  /** One sentence per damaged file of any run, named <run id>/<file>: its figures hold only what was recovered. */
  damage: string[];
  rows: ComparisonRowView[];
  best: { id: string; label: string; text: string } | null;
  noBest: string | null;
  /** "Why the others lost", or "Why no run qualifies" when there is no best run. */
  losersTitle: string;
  losers: { id: string; label: string; reasons: string[] }[];
  goodput: { id: string; label: string; text: string }[];
  charts: ChartView[];
  generated: string;
}

function viewRun(analysis: RunAnalysis, label: string): ComparedRunView {
  const { meta } = analysis;
  return {
    label,
    id: meta.id,
    profile: meta.profile,
    preset: meta.deployed?.preset ?? '–',
    started: formatTimestamp(meta.startedAt),
    duration: formatSeconds(analysis.durationSeconds),
    target: redactTarget(meta.target),
    status: `${
      meta.outcome
        ? outcomeLabel(meta.outcome.status, meta.exitCode)
        : meta.partial
          ? 'partial'
          : meta.exitCode
            ? `exit ${meta.exitCode}`
            : 'complete'
    }${(analysis.damage ?? []).length > 0 ? ', files damaged' : ''}`,
  };
}

/** Builds the view model of a comparison from the analyses and what compareRuns made of them. */
export function buildComparisonModel(
  analyses: readonly RunAnalysis[],
  comparison: RunComparison,
  options: { now?: Date } = {},
): ComparisonModel {
  const labels = comparison.runs.map((r) => r.label);
  const baseline = labels[0] ?? 'the first run';
  const best = comparison.best;
  return {
    title: labels.join(' vs '),
    objective: describeObjective(comparison.objective),
    slo: describeSlo(comparison.objective.slo),
    baseline,
    runs: analyses.map((a, i) => viewRun(a, labels[i] ?? a.meta.id)),
    damage: analyses.flatMap((a) => describeRunDamage(a, (d) => `${a.meta.id}/${d.file}`)),
    rows: buildComparisonRows(comparison.rows, baseline),
    best: best
      ? {
          id: best.id,
          label: best.label,
          text: `${formatTokensPerSecond(best.outputTokensPerSecond)} output with p95 E2E ${formatDurationMs(best.e2eP95Ms)} and errors ${formatShare(best.errorShare)}`,
        }
      : null,
    noBest: best
      ? null
      : comparison.noneReason === 'no-runs'
        ? 'No runs to compare'
        : 'No run meets the objective',
    losersTitle: best ? 'Why the others lost' : 'Why no run qualifies',
    losers: comparison.losers.map((l) => ({
      id: l.id,
      label: l.label,
      reasons: l.reasons.map((r) => describeLossReason(r, best?.label)),
    })),
    goodput: comparison.goodput.map((g, i) => ({
      id: comparison.runs[i]?.id ?? '',
      label: labels[i] ?? '',
      text: describeGoodput(g),
    })),
    charts: buildComparisonCharts(analyses, comparison),
    generated: `inferload ${toolkitVersion}, ${formatTimestamp((options.now ?? new Date()).toISOString())}`,
  };
}

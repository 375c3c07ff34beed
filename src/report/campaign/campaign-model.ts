// What campaign.html and summary.md show, as formatted text: built once from the analysis so that both pages
// say the same thing. The templates only place these strings.
import type { CampaignAnalysis } from '../../campaign/analysis/analyze-campaign.ts';
import {
  SERVED_OUTCOMES,
  describeFactors,
  type CellSummary,
} from '../../campaign/analysis/cell-summaries.ts';
import { toolkitVersion } from '../../util/toolkit-version.ts';
import type { ChartGroup } from '../chart-view.ts';
import { formatDurationMs, formatNumber, formatPercent, formatTokensPerSecond } from '../charts/format.ts';
import { describeObjective } from '../describe-objective.ts';
import {
  formatCount,
  formatOptional,
  formatRequestsPerSecond,
  formatShare,
  formatTimestamp,
} from '../format-values.ts';
import { buildCampaignCharts } from './campaign-charts.ts';
import {
  SCALING_BASIS,
  describeAmdahl,
  describeBaseline,
  describeCellFigures,
  describeCellLoss,
  describePartial,
  describeUsl,
} from './campaign-text.ts';

/** A row of the top table. */
export interface TopRow {
  rank: number;
  key: string;
  label: string;
  throughput: string;
  requestsPerSecond: string;
  e2eP95: string;
  ttftP95: string;
  tpotP50: string;
  errors: string;
  goodput: string;
  repetitions: string;
}

/** One scaling factor: its fits as sentences and a row per N. */
export interface ScalingView {
  factor: string;
  amdahl: string;
  usl: string;
  baseline: string;
  notes: string[];
  rows: { n: string; measured: string; amdahl: string; usl: string; efficiency: string; cell: string }[];
}

/** The page and summary.md in text. */
export interface CampaignModel {
  title: string;
  facts: { label: string; value: string }[];
  partial: string | null;
  objective: string;
  best: { key: string; label: string; text: string } | null;
  noBest: string | null;
  top: TopRow[];
  rejected: { key: string; label: string; reasons: string }[];
  skipped: { id: string; factors: string; reason: string }[];
  scalingBasis: string;
  scaling: ScalingView[];
  heatmapNote: string | null;
  paretoNote: string;
  /** Each group with the sentence above its charts (why there is no heatmap, how to read the front). */
  chartGroups: (ChartGroup & { note: string | null })[];
  generated: string;
}

function viewTop(cell: CellSummary, index: number): TopRow {
  return {
    rank: index + 1,
    key: cell.key,
    label: cell.label,
    throughput: formatTokensPerSecond(cell.outputTokensPerSecond),
    requestsPerSecond: formatRequestsPerSecond(cell.requestsPerSecond),
    e2eP95: formatOptional(cell.e2eP95, formatDurationMs),
    ttftP95: formatOptional(cell.ttftP95, formatDurationMs),
    tpotP50: formatOptional(cell.tpotP50, formatDurationMs),
    errors: formatShare(cell.errorShare),
    goodput: formatRequestsPerSecond(cell.goodputPerSecond),
    repetitions: formatCount(cell.results.length),
  };
}

function viewScaling(scaling: CampaignAnalysis['scaling'][number]): ScalingView {
  const tokens = (v: number | undefined) => formatOptional(v, formatTokensPerSecond);
  return {
    factor: scaling.factor,
    amdahl: describeAmdahl(scaling),
    usl: describeUsl(scaling),
    baseline: describeBaseline(scaling),
    notes: scaling.notes,
    rows: scaling.points.map((p) => ({
      n: formatNumber(p.n),
      measured: tokens(p.measured),
      amdahl: tokens(p.amdahl),
      usl: tokens(p.usl),
      efficiency: formatOptional(p.efficiency, (e) => formatPercent(e * 100)),
      cell: p.label,
    })),
  };
}

/** Builds the model of a campaign's pages. */
export function buildCampaignModel(analysis: CampaignAnalysis, options: { now?: Date } = {}): CampaignModel {
  const { record, ranking } = analysis;
  const best = ranking.best;
  const heatmapNote = analysis.heatmaps.reason ?? null;
  const paretoNote = `${formatCount(analysis.pareto.front.length)} of ${formatCount(analysis.pareto.points.length)} served configurations are on the front. Per-user speed is 1000 / TPOT p50: the output tokens per second the median request saw.`;
  const failedCells = record.results.filter((r) => !SERVED_OUTCOMES.includes(r.outcome));
  return {
    title: `${record.spec.name} (${record.id})`,
    facts: [
      { label: 'campaign', value: record.id },
      { label: 'spec', value: `${record.spec.path} (${record.spec.hash})` },
      { label: 'server', value: record.server },
      {
        label: 'factors',
        value: `server: ${record.serverFactors.join(', ') || '–'}; load: ${record.loadFactors.join(', ') || '–'}`,
      },
      { label: 'started', value: formatTimestamp(record.startedAt) },
      { label: 'ended', value: record.endedAt ? formatTimestamp(record.endedAt) : 'not finished' },
      {
        label: 'cells',
        value: `${formatCount(record.cells.length)} planned, ${formatCount(record.results.length)} ran (${formatCount(failedCells.length)} did not serve the load), ${formatCount(record.skipped.length)} skipped`,
      },
    ],
    partial: describePartial(record) ?? null,
    objective: describeObjective(ranking.objective),
    best: best ? { key: best.key, label: best.label, text: describeCellFigures(best) } : null,
    noBest: best ? null : record.results.length === 0 ? 'No cell ran' : 'No cell meets the objective',
    top: ranking.top.map(viewTop),
    rejected: ranking.rejected.map((r) => ({
      key: r.summary.key,
      label: r.summary.label,
      reasons: r.reasons.map(describeCellLoss).join('; '),
    })),
    skipped: record.skipped.map((s) => ({
      id: s.cell.id,
      factors: `${describeFactors(s.cell.server, record.serverFactors)} · ${describeFactors(s.cell.load, record.loadFactors)}`,
      reason: s.reason,
    })),
    scalingBasis: SCALING_BASIS,
    scaling: analysis.scaling.map(viewScaling),
    heatmapNote,
    paretoNote,
    chartGroups: buildCampaignCharts(analysis).map((group) => ({
      ...group,
      note:
        group.id === 'heatmaps'
          ? heatmapNote && `No heatmap: ${heatmapNote}.`
          : group.id === 'pareto'
            ? paretoNote
            : null,
    })),
    generated: `inferload ${toolkitVersion}, ${formatTimestamp((options.now ?? new Date()).toISOString())}`,
  };
}

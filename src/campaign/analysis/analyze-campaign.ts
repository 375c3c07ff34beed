// A campaign's whole analysis in one value, computed once and handed to every renderer (summary.md,
// campaign.html, amdahl_fit.csv): configurations, ranking, scaling laws, Pareto front, heatmap grids.
import type { RunObjective } from '../../results/objective-defaults.ts';
import type { CampaignRecord } from '../types.ts';
import type { BootstrapOptions } from './bootstrap-interval.ts';
import { summarizeCells, type CellSummary } from './cell-summaries.ts';
import { buildHeatmapGrids, type HeatmapGrids } from './heatmap-grids.ts';
import { computeParetoFront, type ParetoAnalysis } from './pareto-front.ts';
import { rankCells, readObjective, type CellRanking } from './rank-cells.ts';
import { analyzeScaling, type ScalingAnalysis } from './scaling-analysis.ts';

/** Everything the campaign's reports show. */
export interface CampaignAnalysis {
  record: CampaignRecord;
  summaries: CellSummary[];
  ranking: CellRanking;
  scaling: ScalingAnalysis[];
  pareto: ParetoAnalysis;
  heatmaps: HeatmapGrids;
}

/** Analyses a campaign record under its objective (or the one given). */
export function analyzeCampaign(
  record: CampaignRecord,
  options: { objective?: RunObjective; bootstrap?: BootstrapOptions } = {},
): CampaignAnalysis {
  const summaries = summarizeCells(record);
  return {
    record,
    summaries,
    ranking: rankCells(summaries, options.objective ?? readObjective(record)),
    scaling: analyzeScaling(record, summaries, options.bootstrap),
    pareto: computeParetoFront(summaries),
    heatmaps: buildHeatmapGrids(record, summaries),
  };
}

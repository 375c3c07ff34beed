// The heatmaps' data: the first two server factors that vary, as columns and rows, one grid per load level,
// holding throughput (mean output tok/s) and p95 E2E (the worst repetition's). Where other server factors vary
// too, a position shows its best served configuration. A single varying factor has no heatmap, and says why.
import type { CampaignRecord, FactorValue } from '../types.ts';
import { describeFactors, hasServed, type CellSummary } from './cell-summaries.ts';

/** One load level's grid: values[row][column], undefined where nothing served. */
export interface HeatmapGrid {
  load: Record<string, FactorValue>;
  loadLabel: string;
  columns: FactorValue[];
  rows: FactorValue[];
  throughput: (number | undefined)[][];
  e2eP95: (number | undefined)[][];
  /** Positions where a configuration ran but did not serve its load. */
  failed: boolean[][];
}

/** Every grid, or why there is none. */
export interface HeatmapGrids {
  /** [column factor, row factor]. */
  factors?: [string, string];
  grids: HeatmapGrid[];
  reason?: string;
}

/** Distinct values, numbers ascending, others in order of appearance. */
export function listFactorValues(values: readonly FactorValue[]): FactorValue[] {
  const distinct = [...new Set(values)];
  return distinct.every((v) => typeof v === 'number')
    ? distinct.sort((a, b) => (a as number) - (b as number))
    : distinct;
}

function buildGrid(
  summaries: readonly CellSummary[],
  [xFactor, yFactor]: [string, string],
  columns: FactorValue[],
  rows: FactorValue[],
): Omit<HeatmapGrid, 'load' | 'loadLabel'> {
  const at = (y: FactorValue, x: FactorValue) =>
    summaries.filter((s) => s.server[xFactor] === x && s.server[yFactor] === y);
  const best = (y: FactorValue, x: FactorValue) =>
    at(y, x)
      .filter(hasServed)
      .sort((a, b) => b.outputTokensPerSecond - a.outputTokensPerSecond)[0];
  return {
    columns,
    rows,
    throughput: rows.map((y) => columns.map((x) => best(y, x)?.outputTokensPerSecond)),
    e2eP95: rows.map((y) => columns.map((x) => best(y, x)?.e2eP95)),
    failed: rows.map((y) => columns.map((x) => at(y, x).length > 0 && best(y, x) === undefined)),
  };
}

/** The heatmaps of a campaign's configurations. */
export function buildHeatmapGrids(record: CampaignRecord, summaries: readonly CellSummary[]): HeatmapGrids {
  const varying = record.serverFactors.filter(
    (factor) => new Set(summaries.map((s) => s.server[factor])).size >= 2,
  );
  const [xFactor, yFactor] = varying;
  if (xFactor === undefined || yFactor === undefined) {
    const which = xFactor === undefined ? 'no server factor varies' : `only ${xFactor} varies`;
    return {
      grids: [],
      reason: `${which}: a heatmap needs two server factors (see the scaling chart instead)`,
    };
  }
  const factors: [string, string] = [xFactor, yFactor];
  const columns = listFactorValues(summaries.map((s) => s.server[xFactor] as FactorValue));
  const rows = listFactorValues(summaries.map((s) => s.server[yFactor] as FactorValue));
  const levels = new Map<string, CellSummary[]>();
  for (const summary of summaries) {
    const label = describeFactors(summary.load, record.loadFactors);
    levels.set(label, [...(levels.get(label) ?? []), summary]);
  }
  const grids = [...levels].map(([loadLabel, atLevel]) => ({
    load: (atLevel[0] as CellSummary).load,
    loadLabel,
    ...buildGrid(atLevel, factors, columns, rows),
  }));
  return { factors, grids };
}

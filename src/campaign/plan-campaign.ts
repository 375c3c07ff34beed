// A campaign's plan: its cells, the cells skipped and why, and how long the rest should take. Pure: the host's
// and the model's facts are read before (host-capacity.ts), so the plan is the same in a dry run and a real one.
import { resolvePreset } from '../config/resolve-preset.ts';
import { countCpus } from '../config/cpuset.ts';
import type { InferloadConfig, ResolvedPreset } from '../config/types.ts';
import { checkCellFit, type HostCapacity } from './check-cell-fit.ts';
import { cellPresetName, withCellPreset } from './cell-preset.ts';
import type { ModelFacts } from './host-capacity.ts';
import { planCells, type ServerCell } from './plan-cells.ts';
import type { SweepSpec } from './sweep-spec.ts';
import type { CampaignCell, SkippedCell } from './types.ts';

/** A server cell ready to deploy: its preset's name and the config holding it. */
export interface PlannedServer extends ServerCell {
  presetName: string;
  config: InferloadConfig;
  /** Why it cannot run here, when it cannot. */
  skip?: string;
}

export interface CampaignPlan {
  campaignId: string;
  servers: PlannedServer[];
  cells: CampaignCell[];
  skipped: SkippedCell[];
  /** Seconds the cells not skipped should take: load, plus a deploy per server and a start per cell. */
  estimatedSeconds: number;
  /** What the memory check assumed. */
  notes: string[];
}

export interface PlanFacts {
  config: InferloadConfig;
  serverName: string;
  hostName: string;
  basePreset: string;
  host: HostCapacity;
  model: ModelFacts;
  /** False for a server inferload does not deploy (runtime external): its memory and CPUs are not ours. */
  checkFit?: boolean;
}

/** Seconds assumed per deploy and per cell's start (probe, warm-up, saving), for the estimate. */
export const DEPLOY_SECONDS = 15;
export const CELL_START_SECONDS = 3;

/** Plans the spec's campaign `campaignId` on the facts given. */
export function planCampaign(spec: SweepSpec, campaignId: string, facts: PlanFacts): CampaignPlan {
  const { servers, cells } = planCells(spec);
  const planned = servers.map((server): PlannedServer => {
    const presetName = cellPresetName(campaignId, server.index);
    const config = withCellPreset(facts.config, presetName, facts.basePreset, server.preset);
    const checked = facts.checkFit === false ? {} : checkServer(config, presetName, spec, facts);
    return { ...server, presetName, config, ...checked };
  });
  const skipped = cells.flatMap((cell) => {
    const reason = planned[cell.serverIndex]?.skip;
    return reason === undefined ? [] : [{ cell, reason }];
  });
  const running = cells.filter((cell) => planned[cell.serverIndex]?.skip === undefined);
  const deploys = planned.filter((s) => s.skip === undefined).length;
  const loadSeconds = running.reduce((sum, cell) => sum + cellSeconds(spec, cell), 0);
  return {
    campaignId,
    servers: planned,
    cells,
    skipped,
    estimatedSeconds: loadSeconds + running.length * CELL_START_SECONDS + deploys * DEPLOY_SECONDS,
    notes: facts.model.notes,
  };
}

/** Seconds of load in one cell: the spec's duration, or its request count at the cell's rate. */
export function cellSeconds(
  spec: Pick<SweepSpec, 'durationSeconds' | 'requests'>,
  cell: CampaignCell,
): number {
  const rate = cell.load['rate'];
  if (spec.requests !== undefined && typeof rate === 'number') return spec.requests / rate;
  return spec.durationSeconds;
}

function checkServer(
  config: InferloadConfig,
  presetName: string,
  spec: SweepSpec,
  facts: PlanFacts,
): { skip?: string } {
  let resolved: ResolvedPreset;
  try {
    resolved = resolvePreset(config, presetName, facts.hostName);
  } catch (error) {
    return { skip: `its preset does not resolve: ${(error as Error).message}` };
  }
  const instances = instancesOf(resolved);
  const skip = checkCellFit(
    {
      instances,
      parallelSlots: resolved.parallelSlots,
      ctxPerSlot: resolved.ctxPerSlot,
      // Only llama.cpp takes its thread counts from the preset (vLLM has none, Ollama takes them per request).
      ...(facts.config.servers.get(facts.serverName)?.kind === 'llama.cpp'
        ? { threads: { gen: resolved.threadsGen, batch: resolved.threadsBatch } }
        : {}),
      ...(resolved.cpuset ? { cpusetCpus: countCpus(resolved.cpuset) } : {}),
      ...(resolved.cacheTypeK ? { cacheTypeK: resolved.cacheTypeK } : {}),
      ...(resolved.cacheTypeV ? { cacheTypeV: resolved.cacheTypeV } : {}),
      modelBytes: facts.model.modelBytes,
      kvBytesPerToken: facts.model.kvBytesPerToken,
      overheadBytes: spec.memory.overheadBytes,
    },
    facts.host,
  );
  return skip === undefined ? {} : { skip };
}

// `instances` is a preset key deploy adds; a build without it runs one instance.
function instancesOf(resolved: ResolvedPreset): number {
  const value = (resolved as ResolvedPreset & { instances?: unknown }).instances;
  return typeof value === 'number' && value >= 1 ? value : 1;
}

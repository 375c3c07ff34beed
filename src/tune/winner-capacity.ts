// The winner's capacity (`make tune CAPACITY=1`): the configuration picked is deployed once more and searched by
// make capacity (open-loop steps bisected to the maximum sustainable rate under the same objective, the
// breaking point, the knee, diagnose's verdict there), with the spec's request shape. Its record lands under
// benchmarks/capacity/ as any capacity search's, and the tuning keeps the three figures.
import { runCapacity } from '../capacity/run-capacity.ts';
import { DEFAULT_SEARCH } from '../capacity/search-capacity.ts';
import type { PreparedCampaign } from '../campaign/prepare-campaign.ts';
import { acquireCellTarget } from '../campaign/server-cell-target.ts';
import { writeCapacityReport } from '../report/capacity/write-capacity-report.ts';
import { parseObjective } from '../results/objective-defaults.ts';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';

/** What the tuning keeps of the winner's capacity search. */
export interface WinnerCapacity {
  id: string;
  dir: string;
  maxSustainableRate?: number;
  breakingRate?: number;
  verdict?: string;
  partial: boolean;
}

export interface WinnerCapacityOptions {
  objective: string;
  engine: EngineName;
  generators?: readonly LoadGeneratorConfig[];
  healthTimeoutMs: number;
  /** A step's time cap and shortest judged window, seconds. */
  stepSeconds: number;
  minSeconds: number;
  log: (line: string) => void;
  out: (text: string) => void;
}

/** Deploys server cell `index` and searches its capacity. */
export async function measureWinnerCapacity(
  prepared: PreparedCampaign,
  index: number,
  options: WinnerCapacityOptions,
): Promise<WinnerCapacity> {
  const server = prepared.plan.servers.find((s) => s.index === index);
  if (!server) throw new Error(`tune: no server cell ${index} in the plan`);
  const target = await acquireCellTarget(prepared, server, { ...options, intervalMs: 1000 });
  const { spec } = prepared;
  const load = prepared.plan.cells.find((c) => c.serverIndex === index)?.load ?? {};
  try {
    const { record, dir } = await runCapacity({
      context: {
        request: {
          api: spec.api,
          model: spec.model,
          stream: spec.stream,
          maxTokens: String(load['max_tokens'] ?? PROFILE_DEFAULTS.MAX_TOKENS),
          prompts: String(load['prompts'] ?? PROFILE_DEFAULTS.PROMPTS),
        },
        engine: options.engine,
        ...(options.generators ? { generators: options.generators } : {}),
        objective: parseObjective(options.objective),
        capSeconds: options.stepSeconds,
        minSeconds: options.minSeconds,
        log: options.log,
        ...(target.deployed ? { deployed: target.deployed } : {}),
      },
      target: target.baseUrl,
      server: prepared.server.name,
      objective: options.objective,
      search: DEFAULT_SEARCH,
      diagnostics: target.diagnostics,
      render: (folder, saved) => writeCapacityReport(folder, saved),
    });
    return {
      id: record.id,
      dir,
      ...(record.maxSustainable ? { maxSustainableRate: record.maxSustainable.rate } : {}),
      ...(record.breakingPoint ? { breakingRate: record.breakingPoint.rate } : {}),
      ...(record.verdict ? { verdict: record.verdict.summary } : {}),
      partial: record.partial,
    };
  } finally {
    await target.close();
  }
}

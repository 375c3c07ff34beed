// `make sweep` as one use case: read the spec and the config, plan, print the plan, and (unless a dry run)
// run the campaign. `make instance-sweep` comes through here with a spec made from the old script's variables.
import { loadConfig } from '../config/load-config.ts';
import type { InferloadConfig } from '../config/types.ts';
import type { EngineName } from '../runner/engine-choice.ts';
import { UserError } from '../util/errors.ts';
import { describeGenerators, generatorsFrom } from '../distributed/resolve-generators.ts';
import { campaignDir, readCampaignRecord } from './campaign-store.ts';
import { formatPlan } from './format-campaign.ts';
import { prepareCampaign, type PreparedCampaign } from './prepare-campaign.ts';
import { runCampaign, type CampaignRun } from './run-campaign.ts';
import type { SweepSpec } from './sweep-spec.ts';

export interface SweepOptions {
  spec: SweepSpec;
  /** The config file (default: $CONFIG or config/llama.yaml), or a config already loaded. */
  config?: string | InferloadConfig;
  server?: string;
  dryRun: boolean;
  engine: EngineName;
  /** Split every cell's run over these load generators of the config (names, comma-separated). */
  generators?: string;
  healthTimeoutMs: number;
  log: (line: string) => void;
  out: (text: string) => void;
}

export interface SweepResult {
  prepared: PreparedCampaign;
  /** Undefined for a dry run. */
  run?: CampaignRun;
}

/** Plans the sweep, prints the plan, and runs it unless `dryRun` (which changes nothing anywhere). */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const config = typeof options.config === 'object' ? options.config : await loadConfig(options.config);
  const prepared = await prepareCampaign(options.spec, config, options.server);
  const generators = await generatorsFrom(options.generators, config);
  const { plan } = prepared;
  // Reading the saved record only marks what is done; nothing is written before the dry run returns.
  const saved = readCampaignRecord(campaignDir(plan.campaignId));
  const done = new Set(saved?.results.map((r) => r.cell.id) ?? []);
  options.out(
    formatPlan(
      plan,
      `campaign ${plan.campaignId}: spec ${options.spec.path} on server ${prepared.server.name}, base preset ${prepared.basePreset}`,
      done,
    ),
  );
  if (generators) options.out(`load: every cell split over ${describeGenerators(generators)}`);
  if (options.dryRun) {
    options.out('dry run: nothing deployed, no run or campaign folder made');
    return { prepared };
  }
  const run = await runCampaign(prepared, {
    engine: options.engine,
    ...(generators ? { generators } : {}),
    healthTimeoutMs: options.healthTimeoutMs,
    log: options.log,
    out: options.out,
  });
  return { prepared, run };
}

// Outcomes of a cell that served (a missed threshold still measured what it measured).
const SERVED = new Set(['passed', 'thresholds_failed']);
// As a run that served nothing (results/run-outcome.ts): a campaign that served nothing failed.
const EXIT_FAILED = 98;

/** Throws when the campaign is not complete (cells left) or no cell served; the message says what to do. */
export function failUnlessComplete(run: CampaignRun): void {
  const { record } = run;
  const skipped = new Set(record.skipped.map((s) => s.cell.id));
  const done = new Set(record.results.map((r) => r.cell.id));
  const left = record.cells.filter((cell) => !skipped.has(cell.id) && !done.has(cell.id));
  if (record.results.length > 0 && !record.results.some((r) => SERVED.has(r.outcome)))
    throw new UserError(
      `campaign ${record.id}: no cell served (every run failed); see the runs in ${run.dir}/campaign.csv`,
      EXIT_FAILED,
    );
  if (left.length > 0) {
    const failures = record.deployFailures ?? [];
    const why = failures.length > 0 ? `: ${failures.at(-1)?.reason ?? ''}` : '';
    throw new UserError(
      `campaign ${record.id}: ${left.length} cell(s) not run (${left.map((c) => c.id).join(', ')})${why}; the same command tries them again`,
      1,
    );
  }
}

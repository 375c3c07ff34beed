// `make tune` as one use case: the sweep spec planned as `make sweep` plans it (same cells, same skips), its
// server configurations searched by the tuner (search-tune.ts) instead of run one by one, every decision said
// as it is taken, tune.json written after each, and at the end the winner written as a preset into the config
// file, tune.html rendered, and the best, its goodput and the runner-up printed.
import { campaignIdOf, specHashOf } from '../campaign/campaign-id.ts';
import { planLoadLevels } from '../campaign/plan-cells.ts';
import { prepareCampaign, type PreparedCampaign } from '../campaign/prepare-campaign.ts';
import type { SweepOptions } from '../campaign/run-sweep.ts';
import { configPath, loadConfig } from '../config/load-config.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { describeGenerators, generatorsFrom } from '../distributed/resolve-generators.ts';
import { writeTuneReport } from '../report/tune/write-tune-report.ts';
import { DEFAULT_SLO_OBJECTIVE } from '../results/objective-defaults.ts';
import { UserError } from '../util/errors.ts';
import { evaluateServerCell } from './evaluate-server-cell.ts';
import { formatTuneDuration, formatTunePlan, formatTuneSummary } from './format-tune.ts';
import { searchTune } from './search-tune.ts';
import { tuneDir, writeTuneRecord } from './tune-store.ts';
import { placeCandidates } from './tune-space.ts';
import { DEFAULT_TUNE, type TuneRecord, type TuneSettings } from './types.ts';
import { measureWinnerCapacity } from './winner-capacity.ts';
import { writeTunedPreset } from './write-tuned-preset.ts';

/** A sweep's options, and the tuner's own. */
export interface TuneOptions extends SweepOptions {
  /** Overrides the spec's objective. */
  objective?: string;
  settings?: Partial<TuneSettings>;
  /** The preset the winner is written as (default tuned); none: not written. */
  presetName?: string;
  /** Search the winner's capacity afterwards, with steps of this many seconds at most. */
  capacityStepSeconds?: number;
}

export interface TuneOutcome {
  prepared: PreparedCampaign;
  /** Undefined for a dry run. */
  record?: TuneRecord;
  dir?: string;
  files: string[];
}

// As a run that served nothing (results/run-outcome.ts): a tuning in which nothing served failed.
const EXIT_FAILED = 98;

/** Plans the tuning, prints the plan, and (unless a dry run) tunes, writes the preset and the report. */
export async function runTune(options: TuneOptions): Promise<TuneOutcome> {
  const config = typeof options.config === 'object' ? options.config : await loadConfig(options.config);
  const prepared = await prepareCampaign(options.spec, config, options.server);
  const generators = await generatorsFrom(options.generators, config);
  const { plan, spec } = prepared;
  const objective = options.objective ?? spec.objective ?? DEFAULT_SLO_OBJECTIVE;
  const runnable = plan.servers.filter((s) => s.skip === undefined);
  const factors = spec.serverFactors.map((f) => ({ name: f.name, values: f.levels.map((l) => l.value) }));
  const candidates = placeCandidates(factors, runnable);
  const loads = planLoadLevels(spec.loadFactors);
  const settings: TuneSettings = {
    ...DEFAULT_TUNE,
    fullSeconds: spec.durationSeconds,
    cellsPerConfig: loads.length,
    ...options.settings,
  };
  const skipped = plan.servers
    .filter((s) => s.skip !== undefined)
    .map((s) => ({
      candidate: s.index,
      label: placeCandidates(factors, [s])[0]?.label ?? '',
      reason: s.skip ?? '',
    }));
  const id = campaignIdOf(
    spec.name,
    `${spec.text}\0${objective}\0${JSON.stringify(settings)}`,
    prepared.server.name,
  );
  options.out(
    formatTunePlan({ id, spec, server: prepared.server.name, objective, candidates, skipped, settings }),
  );
  if (generators) options.out(`load: every run split over ${describeGenerators(generators)}`);
  if (options.dryRun) {
    options.out('dry run: nothing deployed, no run or tuning folder made');
    return { prepared, files: [] };
  }
  if (candidates.length === 0)
    throw new UserError(`${spec.path}: every configuration is skipped on this host; nothing to tune`);

  const dir = tuneDir(id);
  const record: TuneRecord = {
    id,
    spec: { path: spec.path, name: spec.name, hash: specHashOf(spec.text) },
    server: prepared.server.name,
    basePreset: prepared.basePreset,
    objective,
    factors,
    loads,
    settings,
    skipped,
    result: {
      candidates,
      trials: [],
      decisions: [],
      rungSeconds: [],
      loadSeconds: 0,
      exhaustiveSeconds: 0,
      stoppedBy: 'interrupted',
      estimates: [],
    },
    startedAt: new Date().toISOString(),
    partial: true,
  };
  const save = (): string => writeTuneRecord(dir, record);
  save();
  const started = Date.now();
  const result = await searchTune(
    candidates,
    settings,
    (candidate, seconds, rung) =>
      evaluateServerCell(prepared, candidate, seconds, rung, {
        tuneId: id,
        objective,
        engine: options.engine,
        ...(generators ? { generators } : {}),
        healthTimeoutMs: options.healthTimeoutMs,
        intervalMs: 1000,
        log: options.log,
        out: options.out,
      }),
    (kind, text) => options.log(`tune ${formatTuneDuration((Date.now() - started) / 1000)}: ${kind} ${text}`),
    (partial) => {
      record.result = partial as TuneRecord['result'];
      save();
    },
  );
  record.result = result;
  record.partial = result.stoppedBy === 'interrupted';
  record.endedAt = new Date().toISOString();
  const files = [save()];

  const best = result.best === undefined ? undefined : runnable.find((s) => s.index === result.best);
  const label = (i: number | undefined): string => candidates.find((c) => c.index === i)?.label ?? '';
  const served = result.trials.some((t) => t.score > 0);
  const presetName = options.presetName;
  if (best && served && !record.partial && presetName !== undefined && presetName !== '') {
    const file = configPath(typeof options.config === 'string' ? options.config : undefined);
    await writeTunedPreset(file, tunedPresetOf(record, best.preset, presetName, best.index));
    record.preset = { name: presetName, file };
    save();
  }
  if (best && served && !record.partial && options.capacityStepSeconds !== undefined) {
    options.log(`tune: searching the capacity of ${label(result.best)} under ${objective}`);
    record.capacity = await measureWinnerCapacity(prepared, best.index, {
      objective,
      engine: options.engine,
      ...(generators ? { generators } : {}),
      healthTimeoutMs: options.healthTimeoutMs,
      stepSeconds: options.capacityStepSeconds,
      minSeconds: Math.max(2, Math.round(options.capacityStepSeconds / 3)),
      log: options.log,
      out: options.out,
    });
    save();
  }
  try {
    files.push(writeTuneReport(dir, record));
  } catch (error) {
    options.log(`tune: the report could not be written: ${(error as Error).message}`);
  }
  options.out(formatTuneSummary(record));
  if (record.partial)
    throw new UserError(
      `tune ${id} interrupted: ${result.trials.length} cell(s) measured and saved in ${dir}/tune.json`,
      EXIT_INTERRUPTED,
    );
  if (!served)
    throw new UserError(
      `tune ${id}: no configuration served any request that met the objective; see ${dir}`,
      EXIT_FAILED,
    );
  return { prepared, record, dir, files };
}

function tunedPresetOf(
  record: TuneRecord,
  values: PreparedCampaign['plan']['servers'][number]['preset'],
  name: string,
  index: number,
): Parameters<typeof writeTunedPreset>[1] {
  const { result } = record;
  const trial = (i: number | undefined) =>
    result.trials.filter((t) => t.candidate === i && t.rung === result.rungSeconds.length - 1).at(-1);
  const label = (i: number | undefined): string => result.candidates.find((c) => c.index === i)?.label ?? '';
  const best = trial(index);
  const runnerUp = trial(result.runnerUp);
  return {
    name,
    extends: record.basePreset,
    description: `tuned by make tune (${record.spec.name}): ${label(index)}`,
    values,
    comment: [
      `Written by \`make tune SPEC=${record.spec.path}\` on ${record.endedAt?.slice(0, 10) ?? ''} (tuning ${record.id}),`,
      `server ${record.server}, objective ${record.objective}: goodput ${best?.score.toFixed(2) ?? '?'} req/s in a full cell.`,
      ...(runnerUp ? [`Runner-up: ${label(result.runnerUp)} (${runnerUp.score.toFixed(2)} req/s).`] : []),
      `Every cell and decision: benchmarks/tunes/${record.id}/tune.html`,
    ],
  };
}

// Runs a planned campaign: per server cell one deploy, warm-up requests, then one saved run per load cell with
// diagnostics, each result appended to campaign.json at once. The same spec and server find the same record
// again, so a campaign cut short (Ctrl-C, a crash, a lost SSH connection) resumes at its first missing cell.
import { join } from 'node:path';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { parseObjective } from '../results/objective-defaults.ts';
import { readRunMeta, writeRunMeta } from '../results/run-store.ts';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { runLoad } from '../runner/run-load.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { writeCampaignReport } from '../report/campaign/write-campaign-report.ts';
import { pickBestSoFar } from './best-cell-so-far.ts';
import { CAMPAIGN_CSV, renderCampaignCsv } from './campaign-csv.ts';
import { specHashOf } from './campaign-id.ts';
import { campaignDir, readCampaignRecord, writeCampaignRecord } from './campaign-store.ts';
import { cellLoadRequest } from './cell-load-request.ts';
import { formatCellEnd, formatCellStart } from './format-campaign.ts';
import type { PreparedCampaign } from './prepare-campaign.ts';
import { readCellMetrics } from './read-cell-metrics.ts';
import { acquireCellTarget, type CellTarget } from './server-cell-target.ts';
import type { CampaignCell, CampaignRecord, CellResult } from './types.ts';
import { warmUp } from './warm-up.ts';

export interface RunCampaignOptions {
  engine: EngineName;
  /** Split every cell's run over these load generators. */
  generators?: readonly LoadGeneratorConfig[];
  healthTimeoutMs: number;
  /** Milliseconds between diagnostics samples. */
  intervalMs?: number;
  /** Benchmarks root (default: benchmarks/ or INFERLOAD_BENCHMARKS). */
  root?: string;
  log: (line: string) => void;
  out: (text: string) => void;
}

export interface CampaignRun {
  dir: string;
  record: CampaignRecord;
  /** Files written at the end (campaign.csv, and the report's once wired). */
  files: string[];
}

/** Runs the cells not yet done; throws a UserError (exit 105) after saving the record when interrupted. */
export async function runCampaign(
  prepared: PreparedCampaign,
  options: RunCampaignOptions,
): Promise<CampaignRun> {
  const { plan, spec } = prepared;
  const dir = campaignDir(plan.campaignId, options.root);
  const record = openRecord(
    dir,
    prepared,
    options.generators?.map((g) => g.name),
  );
  const save = (): string => writeCampaignRecord(dir, record);
  save();
  const skipped = new Set(plan.skipped.map((s) => s.cell.id));
  const done = new Set(record.results.map((r) => r.cell.id));
  const todo = plan.cells.filter((cell) => !done.has(cell.id) && !skipped.has(cell.id));
  const total = plan.cells.length - plan.skipped.length;
  const objective = spec.objective === undefined ? undefined : parseObjective(spec.objective);
  const clock = { started: Date.now(), finished: 0 };
  if (done.size > 0)
    options.log(`campaign: resuming ${plan.campaignId}: ${done.size} cell(s) done, ${todo.length} left`);
  for (const server of plan.servers) {
    const cells = todo.filter((cell) => cell.serverIndex === server.index);
    if (cells.length === 0) continue;
    let target: CellTarget;
    try {
      target = await acquireCellTarget(prepared, server, {
        healthTimeoutMs: options.healthTimeoutMs,
        intervalMs: options.intervalMs ?? 1000,
        log: options.log,
        out: options.out,
      });
    } catch (error) {
      // A configuration that does not start (deploy rolled back) is said and left: the others still run, and
      // the same command tries it again.
      if (!(error instanceof UserError)) throw error;
      const reason = error.message.split('\n')[0] ?? error.message;
      (record.deployFailures ??= []).push({
        server: server.index,
        preset: server.presetName,
        reason,
        at: new Date().toISOString(),
      });
      save();
      options.log(
        `campaign: server cell s${String(server.index).padStart(2, '0')} did not deploy, its ${cells.length} cell(s) are left: ${reason}`,
      );
      continue;
    }
    try {
      if (spec.warmupRequests > 0) {
        const warm = await warmUp(target.baseUrl, spec.warmupRequests, { model: spec.model });
        options.log(
          `campaign: warm-up ${warm.sent} request(s), ${warm.failed} failed${warm.firstError ? ` (${warm.firstError})` : ''}`,
        );
      }
      for (const cell of cells) {
        const k = record.results.length + 1;
        const elapsed = (Date.now() - clock.started) / 1000;
        const left = total - record.results.length;
        // Measured time per cell once one has finished in this session, else the plan's estimate.
        const perCell =
          clock.finished > 0 ? elapsed / clock.finished : plan.estimatedSeconds / Math.max(1, total);
        options.log(
          formatCellStart(
            { k, n: total, elapsedSeconds: elapsed, remainingSeconds: perCell * left },
            cell,
            pickBestSoFar(record.results, objective),
          ),
        );
        const result = await runCell(prepared, cell, target, options);
        if ('interrupted' in result) {
          (record.interruptedRuns ??= []).push({
            cell: cell.id,
            runId: result.runId,
            reason: result.interrupted,
          });
          save();
          throw new UserError(
            `campaign interrupted in cell ${cell.id} (${result.interrupted}): ${record.results.length} of ${total} cells done and saved in ${dir}; the same command resumes at the first missing cell`,
            EXIT_INTERRUPTED,
          );
        }
        record.results.push(result);
        clock.finished += 1;
        save();
        options.log(formatCellEnd(result));
      }
    } finally {
      await target.close();
    }
  }
  record.partial = plan.cells.some(
    (cell) => !skipped.has(cell.id) && !record.results.some((r) => r.cell.id === cell.id),
  );
  record.endedAt = new Date().toISOString();
  save();
  return { dir, record, files: await finishCampaign(dir, record, options.log) };
}

/** Writes campaign.csv and the campaign's report (summary.md, campaign.html, amdahl_fit.csv); the files written. */
export async function finishCampaign(
  dir: string,
  record: CampaignRecord,
  log: (line: string) => void,
): Promise<string[]> {
  const csv = join(dir, CAMPAIGN_CSV);
  writeFileAtomic(csv, renderCampaignCsv(record));
  const files = [join(dir, 'campaign.json'), csv];
  try {
    files.push(...(await writeCampaignReport(dir, record)));
  } catch (error) {
    // What was measured is saved already; a report that fails to render is said, not fatal.
    log(`campaign: the report could not be written: ${(error as Error).message}`);
  }
  return files;
}

type CellRun = CellResult | { interrupted: string; runId: string };

async function runCell(
  prepared: PreparedCampaign,
  cell: CampaignCell,
  target: CellTarget,
  options: RunCampaignOptions,
): Promise<CellRun> {
  const startedAt = new Date().toISOString();
  const request = cellLoadRequest(prepared.spec, cell, target.baseUrl, options.engine, options.log);
  const result = await runLoad({
    ...request,
    ...(options.generators ? { generators: options.generators } : {}),
    diagnostics: target.diagnostics,
    ...(target.deployed ? { deployed: target.deployed } : {}),
  });
  // The run is tagged with its campaign and cell, so `runs` and reports can tell where it came from.
  writeRunMeta(result.dir, {
    ...readRunMeta(result.dir),
    campaign: { id: prepared.plan.campaignId, cell: cell.id },
  });
  const runId = result.meta.id;
  if (result.outcome.status === 'interrupted')
    return { interrupted: result.outcome.reasons[0] ?? 'interrupted', runId };
  return {
    cell,
    runId,
    outcome: result.outcome.status,
    metrics: await readCellMetrics(result.dir, prepared.spec.objective),
    startedAt,
    endedAt: new Date().toISOString(),
  };
}

/** The campaign's record as saved, or a new one; the plan's skipped cells are the current host's. */
function openRecord(
  dir: string,
  prepared: PreparedCampaign,
  generators: string[] | undefined,
): CampaignRecord {
  const { plan, spec } = prepared;
  const saved = readCampaignRecord(dir);
  if (saved) {
    checkResumeGenerators(saved, generators, dir);
    const known = new Set(plan.cells.map((c) => c.id));
    const stray = saved.results.filter((r) => !known.has(r.cell.id));
    if (stray.length > 0)
      throw new UserError(
        `${dir}/campaign.json has cells this spec does not plan (${stray.map((r) => r.cell.id).join(', ')}); move it away to start again`,
      );
    const { endedAt: _ended, generators: _was, ...rest } = saved;
    return {
      ...rest,
      cells: plan.cells,
      skipped: plan.skipped,
      partial: true,
      ...(generators ? { generators } : {}),
    };
  }
  return {
    id: plan.campaignId,
    spec: { path: spec.path, name: spec.name, hash: specHashOf(spec.text) },
    server: prepared.server.name,
    serverFactors: spec.serverFactors.map((f) => f.name),
    loadFactors: spec.loadFactors.map((f) => f.name),
    ...(spec.objective === undefined ? {} : { objective: spec.objective }),
    cells: plan.cells,
    skipped: plan.skipped,
    results: [],
    startedAt: new Date().toISOString(),
    partial: true,
    ...(generators ? { generators } : {}),
  };
}

/**
 * Refuses to resume a campaign whose cells so far ran over other load generators (or none): its cells would not
 * be measured the same way.
 */
export function checkResumeGenerators(
  saved: Pick<CampaignRecord, 'generators' | 'results'>,
  generators: readonly string[] | undefined,
  dir: string,
): void {
  if (saved.results.length === 0) return;
  const was = (saved.generators ?? []).join(',');
  const now = (generators ?? []).join(',');
  if (was === now) return;
  const say = (list: string): string =>
    list === '' ? 'no GENERATORS= (one engine here)' : `GENERATORS=${list}`;
  throw new UserError(
    `${dir}/campaign.json: its ${saved.results.length} cell(s) done ran with ${say(was)}, this command has ${say(now)}; ` +
      'resume with the same load generators, or move the folder away to start again',
  );
}

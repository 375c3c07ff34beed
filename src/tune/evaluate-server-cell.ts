// One evaluation of a configuration for the tuner: deploy its server cell (through deploy, as a sweep does),
// warm it up, run each of the spec's load levels for the rung's length, and score it: the most goodput among
// the levels where the objective held (else the most goodput, marked as missing the objective). Every load is a
// saved run tagged with the tuning, its configuration and its rung.
import { judgeCell } from '../campaign/analysis/rank-cells.ts';
import { summarizeCells } from '../campaign/analysis/cell-summaries.ts';
import { cellLoadRequest } from '../campaign/cell-load-request.ts';
import type { PreparedCampaign } from '../campaign/prepare-campaign.ts';
import { readCellMetrics } from '../campaign/read-cell-metrics.ts';
import { acquireCellTarget } from '../campaign/server-cell-target.ts';
import type { CampaignCell, CellResult } from '../campaign/types.ts';
import { warmUp } from '../campaign/warm-up.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { describeCellLoss } from '../report/campaign/campaign-text.ts';
import { parseObjective } from '../results/objective-defaults.ts';
import { readRunMeta, writeRunMeta } from '../results/run-store.ts';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { runLoad } from '../runner/run-load.ts';
import { UserError } from '../util/errors.ts';
import { TuneInterrupted } from './search-tune.ts';
import type { TrialMeasure, TuneCandidate } from './types.ts';

export interface EvaluateOptions {
  tuneId: string;
  objective: string;
  engine: EngineName;
  /** Split every run over these load generators. */
  generators?: readonly LoadGeneratorConfig[];
  healthTimeoutMs: number;
  intervalMs: number;
  log: (line: string) => void;
  out: (text: string) => void;
}

/** The first repetition of each load level of the candidate's server cell. */
function loadCellsOf(prepared: PreparedCampaign, candidate: TuneCandidate): CampaignCell[] {
  return prepared.plan.cells.filter((c) => c.serverIndex === candidate.index && c.repetition === 1);
}

/** Measures `candidate` with cells of `seconds`; a Ctrl-C throws TuneInterrupted after saving the run. */
export async function evaluateServerCell(
  prepared: PreparedCampaign,
  candidate: TuneCandidate,
  seconds: number,
  rung: number,
  options: EvaluateOptions,
): Promise<TrialMeasure> {
  const server = prepared.plan.servers.find((s) => s.index === candidate.index);
  if (!server) throw new Error(`tune: no server cell ${candidate.index} in the plan`);
  const objective = parseObjective(options.objective);
  let target;
  try {
    target = await acquireCellTarget(prepared, server, options);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.exitCode === EXIT_INTERRUPTED) throw new TuneInterrupted(error.message);
    // A configuration that does not start serves nothing: it scores 0 and the others go on.
    const reason = error.message.split('\n')[0] ?? error.message;
    return { score: 0, held: false, loadSeconds: 0, runIds: [], detail: `did not deploy: ${reason}` };
  }
  const results: CellResult[] = [];
  try {
    if (prepared.spec.warmupRequests > 0)
      await warmUp(target.baseUrl, prepared.spec.warmupRequests, { model: prepared.spec.model });
    for (const cell of loadCellsOf(prepared, candidate)) {
      const startedAt = new Date().toISOString();
      const request = cellLoadRequest(
        { ...prepared.spec, durationSeconds: seconds, requests: undefined },
        cell,
        target.baseUrl,
        options.engine,
        options.log,
      );
      let run;
      try {
        run = await runLoad({
          ...request,
          ...(options.generators ? { generators: options.generators } : {}),
          // diagnose samples the full cells, whose verdict the report shows; short cells stay light.
          ...(rung > 0 ? { diagnostics: target.diagnostics } : {}),
          ...(target.deployed ? { deployed: target.deployed } : {}),
        });
      } catch (error) {
        if (error instanceof UserError && error.exitCode === EXIT_INTERRUPTED)
          throw new TuneInterrupted(error.message);
        throw error;
      }
      writeRunMeta(run.dir, {
        ...readRunMeta(run.dir),
        tune: { id: options.tuneId, configuration: candidate.index, rung, cell: cell.id },
      });
      if (run.outcome.status === 'interrupted')
        throw new TuneInterrupted(`${run.outcome.reasons[0] ?? 'interrupted'} (run ${run.meta.id} kept)`);
      results.push({
        cell,
        runId: run.meta.id,
        outcome: run.outcome.status,
        metrics: await readCellMetrics(run.dir, options.objective),
        startedAt,
        endedAt: new Date().toISOString(),
      });
    }
  } finally {
    await target.close();
  }
  return scoreLevels(results, objective, seconds, prepared);
}

/** The score of one evaluation from its load levels' results. */
export function scoreLevels(
  results: readonly CellResult[],
  objective: ReturnType<typeof parseObjective>,
  seconds: number,
  prepared: Pick<PreparedCampaign, 'spec'>,
): TrialMeasure {
  const summaries = summarizeCells({
    results: [...results],
    serverFactors: prepared.spec.serverFactors.map((f) => f.name),
    loadFactors: prepared.spec.loadFactors.map((f) => f.name),
  });
  const judged = summaries.map((summary) => ({
    summary,
    misses: judgeCell(summary, objective),
    goodput: summary.failedOutcomes.length > 0 ? 0 : (summary.goodputPerSecond ?? 0),
  }));
  const held = judged.filter((j) => j.misses.length === 0);
  const pool = held.length > 0 ? held : judged;
  const best = pool.reduce<(typeof judged)[number] | undefined>(
    (a, b) => (a === undefined || b.goodput > a.goodput ? b : a),
    undefined,
  );
  const level = best
    ? Object.entries(best.summary.load)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')
    : '';
  const miss = best?.misses[0];
  return {
    score: best?.goodput ?? 0,
    held: held.length > 0,
    loadSeconds: seconds * results.length,
    runIds: results.map((r) => r.runId),
    ...(best
      ? { detail: `at ${level}${miss ? `; ${describeCellLoss(miss)}` : ''}` }
      : { detail: 'no load level ran' }),
  };
}

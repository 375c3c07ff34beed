// The tuner: successive halving guided by a model. Rung 0 runs short cells on as many configurations as the
// load budget allows; when not all fit, two thirds are spread over the space and the rest go next to the best
// measured (the untried grid neighbours of the leaders). A Gaussian process fitted to every cell so far
// (short cells count as noisier) then promotes the configurations most likely to be best (mean + sd, so an
// untried one the model rates highly can enter, or a configuration's own measurement a rung below where it is
// higher) to longer cells; the last rung runs full cells one at a time, most promising first, and stops when
// no configuration left is 95% likely to beat the best by `improvement`, or when the budget is spent; what
// budget is left then buys more full cells for leaders one cell does not separate. The pick goes by the model's
// mean, or by a configuration's full-cell mean where the model does not follow it. `evaluate` runs the load
// (a real deploy and cells, or a model surface).
import { fitGp, type GpModel } from './gaussian-process.ts';
import { gridNeighbours, spreadCandidates } from './tune-space.ts';
import type {
  CandidateEstimate,
  DecisionKind,
  TrialMeasure,
  TuneCandidate,
  TuneResult,
  TuneSettings,
  TuneTrial,
} from './types.ts';

/** One-sided 95%: the upper bound a configuration's score is unlikely to exceed. */
const Z95 = 1.645;
/** Promotion ranks by mean + one sd: optimism enough to give an untried or noisy configuration its chance. */
const Z_PROMOTE = 1;
/** The share of rung 0 spread over the space when not every configuration fits; the rest goes beside the best. */
const SPREAD_SHARE = 2 / 3;
/** Full cells before the tuner may stop (3 stopped too early on 2 of the benchmark's surfaces, docs/benchmarks.md). */
const MIN_FULL = 5;
/** Leaders whose full-cell means are this close to the best's get more full cells while the budget lasts. */
const CONTEND = 0.1;
/** ...or within this many standard errors of the difference, by the model's full-cell noise. */
const SEPARATE_Z = 2;
/** At most this many full cells per configuration. */
const MAX_FULL_CELLS = 3;

/** The length of each rung's cells: full / eta^(rungs - 1 - k), never under the minimum. */
export function rungSecondsOf(settings: Readonly<TuneSettings>): number[] {
  return Array.from({ length: settings.rungs }, (_, k) =>
    Math.min(
      settings.fullSeconds,
      Math.max(settings.minSeconds, settings.fullSeconds / settings.eta ** (settings.rungs - 1 - k)),
    ),
  );
}

/**
 * How many configurations rung 0 tries: all of them if successive halving from there fits the budget (two
 * full cells at least at the last rung), else as many as do.
 */
export function planRungCounts(n: number, settings: Readonly<TuneSettings>): number[] {
  const seconds = rungSecondsOf(settings);
  const budget = settings.maxLoadShare * n * settings.fullSeconds;
  const countsFrom = (first: number): number[] => {
    const counts = [first];
    for (let k = 1; k < settings.rungs; k += 1)
      counts.push(Math.ceil((counts[k - 1] as number) / settings.eta));
    counts[counts.length - 1] = Math.min(n, Math.max(2, counts.at(-1) ?? 2));
    return counts;
  };
  const cost = (counts: number[]): number =>
    counts.reduce((sum, c, k) => sum + c * (seconds[k] as number), 0);
  for (let first = n; first > 2; first -= 1) if (cost(countsFrom(first)) <= budget) return countsFrom(first);
  return countsFrom(Math.min(n, 2));
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Interrupts (a Ctrl-C inside `evaluate`) end the search: the trials so far are kept in the result. */
export class TuneInterrupted extends Error {}

/** Tunes over `candidates` with `evaluate`; `log` hears each decision as it is taken. */
export async function searchTune(
  candidates: readonly TuneCandidate[],
  settings: Readonly<TuneSettings>,
  evaluate: (candidate: TuneCandidate, cellSeconds: number, rung: number) => Promise<TrialMeasure>,
  log: (kind: DecisionKind, text: string) => void,
  /** Hears the result so far after every decision (to save it). */
  onProgress: (result: Readonly<TuneResult>) => void = () => {},
): Promise<TuneResult> {
  const seconds = rungSecondsOf(settings);
  const last = settings.rungs - 1;
  const unit = settings.cellsPerConfig;
  const exhaustiveSeconds = candidates.length * settings.fullSeconds * unit;
  const budget = settings.maxLoadShare * exhaustiveSeconds;
  const result: TuneResult = {
    candidates: [...candidates],
    trials: [],
    decisions: [],
    rungSeconds: seconds,
    loadSeconds: 0,
    exhaustiveSeconds,
    stoppedBy: 'exhausted',
    estimates: [],
  };
  const byIndex = new Map(candidates.map((c) => [c.index, c]));
  const name = (index: number): string => `c${String(index).padStart(2, '0')}`;
  const decide = (kind: DecisionKind, text: string, candidate?: number, rung?: number): void => {
    result.decisions.push({
      kind,
      text,
      ...(candidate === undefined ? {} : { candidate }),
      ...(rung === undefined ? {} : { rung }),
    });
    log(kind, text);
    onProgress(result);
  };
  const run = async (candidate: TuneCandidate, rung: number): Promise<TuneTrial> => {
    const measured = await evaluate(candidate, seconds[rung] as number, rung);
    const trial: TuneTrial = {
      ...measured,
      candidate: candidate.index,
      rung,
      cellSeconds: seconds[rung] as number,
    };
    result.trials.push(trial);
    result.loadSeconds += measured.loadSeconds;
    decide(
      'tried',
      `rung ${rung} (${fmt(trial.cellSeconds)} s cells): ${name(candidate.index)} ${candidate.label}: goodput ${fmt(trial.score)} req/s${trial.held ? '' : ', objective missed'}${trial.detail ? ` (${trial.detail})` : ''}`,
      candidate.index,
      rung,
    );
    return trial;
  };
  const model = (): GpModel =>
    fitGp(
      result.trials.map((t) => ({
        x: byIndex.get(t.candidate)?.x ?? [],
        y: t.score,
        noiseScale: settings.fullSeconds / t.cellSeconds,
      })),
    );
  const meanBy =
    (gp: GpModel) =>
    (index: number): number =>
      gp.predict(byIndex.get(index)?.x ?? []).mean;
  const triedAt = (rung: number): Set<number> =>
    new Set(result.trials.filter((t) => t.rung === rung).map((t) => t.candidate));

  try {
    const counts = planRungCounts(candidates.length, settings);
    const firstCount = counts[0] as number;
    const spread = spreadCandidates(
      candidates,
      firstCount < candidates.length ? Math.ceil(firstCount * SPREAD_SHARE) : firstCount,
    );
    if (firstCount < candidates.length)
      decide(
        'promoted',
        `the budget (${Math.round(settings.maxLoadShare * 100)}% of the exhaustive ${fmt(exhaustiveSeconds)} s) allows ${firstCount} of ${candidates.length} configurations at rung 0: ${spread.length} spread over the space, then the untried neighbours of the best measured`,
      );
    for (const candidate of spread) await run(candidate, 0);
    // The rest of rung 0 goes next to the best measured so far: an optimum one level wide (a sharp SLO edge)
    // sits beside configurations that do well, and a model fitted to the cliff around it cannot infer it.
    while (triedAt(0).size < firstCount) {
      const done = triedAt(0);
      const gp = model();
      const leaders = result.trials
        .filter((t) => t.rung === 0)
        .sort((a, b) => b.score - a.score || a.candidate - b.candidate);
      let next: Ranked | undefined;
      let beside: TuneTrial | undefined;
      for (const leader of leaders) {
        const open = gridNeighbours(candidates, byIndex.get(leader.candidate) as TuneCandidate).filter(
          (c) => !done.has(c.index),
        );
        next = rank(open, gp, Z_PROMOTE)[0];
        if (next) {
          beside = leader;
          break;
        }
      }
      next ??= rank(
        candidates.filter((c) => !done.has(c.index)),
        gp,
        Z_PROMOTE,
      )[0];
      if (!next) break;
      decide(
        'promoted',
        `${name(next.candidate.index)} to rung 0: ${beside ? `next to ${name(beside.candidate)} (goodput ${fmt(beside.score)} req/s at rung 0), ` : ''}model ${fmt(next.mean)} +- ${fmt(next.sd)} req/s`,
        next.candidate.index,
        0,
      );
      await run(next.candidate, 0);
    }

    // Middle rungs: promote the most promising, drop the rest of the rung before.
    const atRung0 = triedAt(0);
    let previous = candidates.filter((c) => atRung0.has(c.index)).map((c) => c.index);
    for (let rung = 1; rung < last; rung += 1) {
      const gp = model();
      const ranked = rankForRung(candidates, gp, Z_PROMOTE, result.trials, rung - 1);
      const keep = ranked.slice(0, counts[rung]);
      const cut = keep.at(-1)?.bound ?? 0;
      for (const dropped of previous.filter((i) => !keep.some((k) => k.candidate.index === i))) {
        const p = gp.predict(byIndex.get(dropped)?.x ?? []);
        decide(
          'dropped',
          `${name(dropped)}: model ${fmt(p.mean)} +- ${fmt(p.sd)} req/s, below the cut ${fmt(cut)} for rung ${rung}`,
          dropped,
          rung,
        );
      }
      for (const [place, kept] of keep.entries())
        decide(
          'promoted',
          `${name(kept.candidate.index)} to rung ${rung}: ${describeRanked(kept)}, rank ${place + 1} of ${ranked.length}${previous.includes(kept.candidate.index) ? '' : ' (not tried yet: the model rates it)'}`,
          kept.candidate.index,
          rung,
        );
      for (const kept of keep) {
        if (result.loadSeconds + (seconds[rung] as number) * unit > budget) break;
        await run(kept.candidate, rung);
      }
      previous = keep.map((k) => k.candidate.index);
    }

    // The last rung: full cells one at a time, the most promising first, until unlikely to improve.
    for (;;) {
      const gp = model();
      const done = triedAt(last);
      const best = rankAtLast(result.trials, last, meanBy(gp), gp.noiseSd)[0];
      const left = candidates.filter((c) => !done.has(c.index));
      // The next full cell goes to the most promising (mean + sd); the stop asks whether any could still win.
      const next = rank(left, gp, Z_PROMOTE)[0];
      const chance = rank(left, gp, Z95)[0];
      if (!next || !chance) {
        result.stoppedBy = 'exhausted';
        decide('stopped', 'every configuration ran a full cell');
        break;
      }
      if (best && done.size >= MIN_FULL && chance.bound <= best.estimate * (1 + settings.improvement)) {
        result.stoppedBy = 'converged';
        decide(
          'stopped',
          `no configuration left is likely to beat ${name(best.candidate)} (${fmt(best.estimate)} req/s${best.estimate === best.mean ? ' by the model' : ' in its full cells, which the model does not follow'}) by ${Math.round(settings.improvement * 100)}%: the best chance, ${name(chance.candidate.index)}, is below ${fmt(chance.bound)} req/s with 95% confidence`,
        );
        break;
      }
      if (result.loadSeconds + settings.fullSeconds * unit > budget) {
        result.stoppedBy = 'budget';
        decide(
          'stopped',
          `the load budget is spent (${fmt(result.loadSeconds)} of ${fmt(budget)} s); ${name(chance.candidate.index)} might still beat the best (up to ${fmt(chance.bound)} req/s with 95% confidence)`,
        );
        break;
      }
      decide(
        'promoted',
        `${name(next.candidate.index)} to rung ${last} (full cells): model ${fmt(next.mean)} +- ${fmt(next.sd)} req/s, the most promising left${previous.includes(next.candidate.index) ? '' : ' (not tried yet: the model rates it)'}`,
        next.candidate.index,
        last,
      );
      await run(next.candidate, last);
    }

    // Confirmation: the budget left goes to more full cells for the leaders that their cells do not separate
    // (contendersOf), fewest cells first, so the pick is not one lucky cell.
    for (;;) {
      const gp = model();
      const ranking = rankAtLast(result.trials, last, meanBy(gp), gp.noiseSd);
      if (!ranking[0]) break;
      const contenders = contendersOf(ranking, gp.noiseSd);
      const fewest = [...contenders].sort((a, b) => a.cells - b.cells || b.score - a.score)[0];
      if (contenders.length < 2 || !fewest || fewest.cells >= MAX_FULL_CELLS) break;
      if (result.loadSeconds + settings.fullSeconds * unit > budget) break;
      decide(
        'promoted',
        `${name(fewest.candidate)} for full cell ${fewest.cells + 1}: ${contenders.length} configurations their full cells do not separate from the best (${contenders.map((c) => `${name(c.candidate)} ${fmt(c.score)}`).join(', ')} req/s)`,
        fewest.candidate,
        last,
      );
      await run(byIndex.get(fewest.candidate) as TuneCandidate, last);
    }
  } catch (error) {
    if (!(error instanceof TuneInterrupted)) throw error;
    result.stoppedBy = 'interrupted';
    decide('stopped', `interrupted: ${error.message}`);
  }

  const final = result.trials.length > 0 ? model() : undefined;
  if (final) result.estimates = candidates.map((c) => ({ candidate: c.index, ...final.predict(c.x) }));
  const ranking = final ? rankAtLast(result.trials, last, meanBy(final), final.noiseSd) : [];
  const [best, runnerUp] = ranking;
  if (best) {
    result.best = best.candidate;
    decide(
      'picked',
      `best ${name(best.candidate)} ${byIndex.get(best.candidate)?.label ?? ''}: goodput ${fmt(best.score)} req/s in a full cell (model ${fmt(best.mean)}${best.estimate === best.mean ? '' : ', ranked by its full cells: the model does not follow them'})${best.held ? '' : ' (the objective did not hold: no configuration met it)'}`,
      best.candidate,
    );
  }
  if (runnerUp) {
    result.runnerUp = runnerUp.candidate;
    decide(
      'picked',
      `runner-up ${name(runnerUp.candidate)} ${byIndex.get(runnerUp.candidate)?.label ?? ''}: goodput ${fmt(runnerUp.score)} req/s (model ${fmt(runnerUp.mean)})`,
      runnerUp.candidate,
    );
  }
  return result;
}

interface Ranked extends Omit<CandidateEstimate, 'candidate'> {
  candidate: TuneCandidate;
  bound: number;
  /** Set when the configuration's own measurement a rung below, above the model's bound, ranks it. */
  measured?: number;
}

function rank(candidates: readonly TuneCandidate[], gp: GpModel, z: number): Ranked[] {
  return candidates
    .map((candidate) => {
      const p = gp.predict(candidate.x);
      const ranked: Ranked = { candidate, mean: p.mean, sd: p.sd, bound: p.mean + z * p.sd };
      return ranked;
    })
    .sort((a, b) => b.bound - a.bound || a.candidate.index - b.candidate.index);
}

/**
 * `rank` for promotion from `below`: a configuration's value is the higher of the model's bound and its own
 * goodput measured at that rung, as successive halving promotes by measurement; the model, smoothing over
 * neighbours, would otherwise drop a one-level optimum it measured.
 */
function rankForRung(
  candidates: readonly TuneCandidate[],
  gp: GpModel,
  z: number,
  trials: readonly TuneTrial[],
  below: number,
): Ranked[] {
  const measured = new Map<number, number>();
  for (const t of trials)
    if (t.rung === below) measured.set(t.candidate, Math.max(t.score, measured.get(t.candidate) ?? 0));
  return rank(candidates, gp, z)
    .map((r) => {
      const own = measured.get(r.candidate.index);
      return own !== undefined && own > r.bound ? { ...r, bound: own, measured: own } : r;
    })
    .sort((a, b) => b.bound - a.bound || a.candidate.index - b.candidate.index);
}

function describeRanked(r: Ranked): string {
  const model = `model ${fmt(r.mean)} +- ${fmt(r.sd)} req/s`;
  return r.measured === undefined ? model : `measured ${fmt(r.measured)} req/s a rung below (${model})`;
}

/**
 * The leaders their full cells do not separate from the best (`ranking[0]`, same objective verdict): full-cell
 * means within CONTEND of the best's, or within SEPARATE_Z standard errors of the difference given the model's
 * full-cell noise and each one's cell count (where 60-s cells vary by 10-15%, two single cells 20% apart
 * are not separated).
 */
export function contendersOf(ranking: readonly FullResult[], noiseSd: number): FullResult[] {
  const best = ranking[0];
  if (!best) return [];
  return ranking.filter(
    (r) =>
      r.held === best.held &&
      r.score >=
        best.score -
          Math.max(CONTEND * best.score, SEPARATE_Z * noiseSd * Math.sqrt(1 / best.cells + 1 / r.cells)),
  );
}

/** A configuration that ran a full cell: the mean of its full cells, and where the model puts it. */
export interface FullResult extends TuneTrial {
  mean: number;
  /** How many full cells it ran (`score` is their mean). */
  cells: number;
  /** What it is ranked by: the model's mean, or `score` where its full cells contradict the model. */
  estimate: number;
}

/**
 * Configurations that ran a full cell, best first: those that held the objective, then by the model's mean
 * (which weighs every cell of that configuration and its neighbours, so one lucky cell does not decide).
 * Given the model's full-cell noise, a configuration whose full-cell mean is further from the model's mean
 * than twice that noise (over the root of its cell count) is ranked by its full-cell mean instead: the model,
 * smoothing over neighbours, would otherwise bury a one-level optimum it measured.
 */
export function rankAtLast(
  trials: readonly TuneTrial[],
  last: number,
  meanOf: (candidate: number) => number,
  noiseSd?: number,
): FullResult[] {
  const full = new Map<number, TuneTrial[]>();
  for (const t of trials.filter((t) => t.rung === last))
    full.set(t.candidate, [...(full.get(t.candidate) ?? []), t]);
  return [...full.values()]
    .map((list) => {
      const score = list.reduce((sum, t) => sum + t.score, 0) / list.length;
      const mean = meanOf((list[0] as TuneTrial).candidate);
      const contradicts =
        noiseSd !== undefined && Math.abs(score - mean) > (2 * noiseSd) / Math.sqrt(list.length);
      return {
        ...(list.at(-1) as TuneTrial),
        score,
        held: list.every((t) => t.held),
        mean,
        cells: list.length,
        estimate: contradicts ? score : mean,
      };
    })
    .sort((a, b) => Number(b.held) - Number(a.held) || b.estimate - a.estimate || a.candidate - b.candidate);
}

// The capacity search: a synchronous probe (one user) and a throughput probe (many users) bound the rates; the
// rate is then bracketed and bisected to the highest one that is sustainable, pushed past it until the server
// breaks, and the knee of throughput against requests in flight is read off every step. Each step is `measure`d
// by the caller (a real run, or a model in the tests); this file only decides what to run next and why.
import { findKnee } from './find-knee.ts';
import { formatRate as fmt } from './format-rate.ts';
import type { CapacityPoint, CapacityStep, StepLoad } from './types.ts';

export interface SearchSettings {
  /** Bisection stops when (fail - pass) / fail is at most this. */
  precision: number;
  /** Users of the throughput probe. */
  probeUsers: number;
  /** Most rate steps in the bracketing and bisection. */
  maxRateSteps: number;
  /** Most steps above the search to find the breaking point. */
  maxBreakingSteps: number;
  /** Most confirmation runs of a converged rate (a missed one sends the search lower). */
  maxConfirmations: number;
}

export const DEFAULT_SEARCH: Readonly<SearchSettings> = Object.freeze({
  precision: 0.05,
  probeUsers: 32,
  maxRateSteps: 10,
  maxBreakingSteps: 2,
  maxConfirmations: 2,
});

export interface SearchResult {
  steps: CapacityStep[];
  maxSustainable?: CapacityPoint;
  breakingPoint?: CapacityPoint;
  knee?: CapacityPoint & { inFlight: number };
  notes: string[];
}

/** Rates go to the engine per minute (k6's rates are integers per timeUnit): 1/60 req/s is the resolution. */
export function roundRate(rate: number): number {
  return Math.max(1, Math.round(rate * 60)) / 60;
}

const GROW = 1.25;
const BREAK_GROW = 1.5;
const NEAR_MISS = 0.9;

function describe(step: CapacityStep): string {
  return step.judgement.sustainable ? 'held' : `did not hold (${step.judgement.misses[0] ?? ''})`;
}

/** Steps at an arrival rate (search and confirmation), by rate. */
function rated(steps: readonly CapacityStep[]): CapacityStep[] {
  return steps.filter((s) => s.kind === 'rate' || s.kind === 'confirm');
}

/**
 * The highest rate every step of which held, and the lowest rate above it that any step missed: a rate that
 * held once and missed its confirmation counts as missed.
 */
export function bounds(steps: readonly CapacityStep[]): { pass?: CapacityStep; fail?: CapacityStep } {
  const all = rated(steps);
  const held = (rate: number | undefined): boolean =>
    all.filter((s) => s.rate === rate).every((s) => s.judgement.sustainable);
  const pass = all.filter((s) => held(s.rate)).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  const fail = all
    .filter((s) => !s.judgement.sustainable && (s.rate ?? 0) > (pass?.rate ?? 0))
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))[0];
  return { ...(pass ? { pass } : {}), ...(fail ? { fail } : {}) };
}

/** Whether `rate` held in a confirmation step too. */
function isConfirmed(steps: readonly CapacityStep[], rate: number): boolean {
  return steps.some((s) => s.kind === 'confirm' && s.rate === rate && s.judgement.sustainable);
}

/** Searches with `measure`; `log` hears each decision. A step that throws (an interrupt) ends the search. */
export async function searchCapacity(
  measure: (load: StepLoad) => Promise<CapacityStep>,
  settings: Readonly<SearchSettings>,
  log: (line: string) => void,
): Promise<SearchResult> {
  const steps: CapacityStep[] = [];
  const notes: string[] = [];
  const run = async (load: StepLoad): Promise<CapacityStep> => {
    const step = await measure(load);
    steps.push(step);
    return step;
  };

  const sync = await run({ kind: 'sync', concurrency: 1 });
  if (sync.window.requests === 0) {
    notes.push(`one user was not served: ${sync.judgement.misses[0] ?? sync.why}`);
    return { steps, notes };
  }
  log(
    `decision: one user finishes ${fmt(sync.window.throughput)} (E2E mean ${Math.round(sync.window.e2eMean ?? 0)} ms)`,
  );
  const probe = await run({ kind: 'throughput', concurrency: settings.probeUsers });
  const peak = Math.max(probe.window.throughput, sync.window.throughput);
  log(
    `decision: ${settings.probeUsers} users finish ${fmt(probe.window.throughput)}: the search starts at ${fmt(roundRate(peak))}`,
  );

  const floor = roundRate(sync.window.throughput / 8);
  let rateSteps = 0;
  let confirmations = 0;
  let last = '';
  for (;;) {
    const { pass, fail } = bounds(steps);
    let next: number;
    if (pass === undefined) {
      // Halve below a rate that failed; a rate that held once and missed its confirmation is near the edge:
      // step down 10% only.
      const nearMiss =
        fail !== undefined && rated(steps).some((s) => s.rate === fail.rate && s.judgement.sustainable);
      next =
        fail === undefined ? roundRate(peak) : roundRate((fail.rate ?? 0) * (nearMiss ? NEAR_MISS : 0.5));
      if (fail !== undefined && (next < floor || next === fail.rate)) {
        log(`decision: ${last}no lower rate is tried`);
        notes.push(`the objective does not hold even at ${fmt(fail.rate ?? 0)}`);
        break;
      }
    } else if (fail === undefined) {
      next = roundRate((pass.rate ?? 0) * GROW);
    } else {
      const low = pass.rate ?? 0;
      const high = fail.rate ?? 0;
      next = roundRate((low + high) / 2);
      if ((high - low) / high <= settings.precision || next === low || next === high) {
        // Converged: the rate found is run once more (with diagnose alongside) before it is believed.
        if (isConfirmed(steps, low)) {
          log(`decision: ${last}${fmt(low)} held twice and ${fmt(high)} did not: done`);
          break;
        }
        if (confirmations >= settings.maxConfirmations) {
          log(`decision: ${last}no confirmation left`);
          notes.push(
            `${fmt(low)} held once but was not confirmed (${settings.maxConfirmations} confirmations missed)`,
          );
          break;
        }
        log(`decision: ${last}${fmt(low)} holds and ${fmt(high)} does not: confirming ${fmt(low)}`);
        confirmations += 1;
        const confirm = await run({ kind: 'confirm', rate: low });
        last = `the confirmation at ${fmt(low)} ${describe(confirm)}; `;
        continue;
      }
    }
    if (rateSteps >= settings.maxRateSteps) {
      // Out of rate steps: the best rate so far is still confirmed before it is reported.
      if (pass && !isConfirmed(steps, pass.rate ?? 0) && confirmations < settings.maxConfirmations) {
        log(`decision: ${last}no rate step left: confirming ${fmt(pass.rate ?? 0)}`);
        confirmations += 1;
        const confirm = await run({ kind: 'confirm', rate: pass.rate ?? 0 });
        last = `the confirmation at ${fmt(pass.rate ?? 0)} ${describe(confirm)}; `;
        continue;
      }
      notes.push(
        `the search stopped at ${settings.maxRateSteps} rate steps${pass && fail ? `, between ${fmt(pass.rate ?? 0)} and ${fmt(fail.rate ?? 0)}` : ''}`,
      );
      break;
    }
    log(`decision: ${last}next ${fmt(next)}`);
    rateSteps += 1;
    const step = await run({ kind: 'rate', rate: next });
    last = `${fmt(next)} ${describe(step)}; `;
  }
  const { pass, fail } = bounds(steps);
  if (pass && !fail)
    notes.push(`no failing rate was found up to ${fmt(pass.rate ?? 0)}: the capacity may be higher`);

  const broken = (): CapacityStep | undefined =>
    steps
      .filter((s) => s.rate !== undefined && s.judgement.broke !== undefined)
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))[0];
  let top = Math.max(...steps.map((s) => s.rate ?? 0), peak);
  for (let n = 0; n < settings.maxBreakingSteps && broken() === undefined; n += 1) {
    top = roundRate(top * BREAK_GROW);
    log(`decision: no step broke the server yet; pushing to ${fmt(top)}`);
    await run({ kind: 'breaking', rate: top });
  }
  // The highest rate tried below `rate` at which the server did not break.
  const unbrokenBelow = (rate: number): CapacityStep | undefined =>
    steps
      .filter((s) => s.rate !== undefined && s.judgement.broke === undefined && s.rate < rate)
      .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  // A break found by pushing 1.5x at a time is refined between it and the highest rate that did not break.
  for (let n = 0; n < settings.maxBreakingSteps; n += 1) {
    const high = broken();
    const low = high && unbrokenBelow(high.rate ?? 0);
    if (!high || !low) break;
    const mid = roundRate(((high.rate ?? 0) + (low.rate ?? 0)) / 2);
    if (((high.rate ?? 0) - (low.rate ?? 0)) / (high.rate ?? 1) <= 2 * settings.precision) break;
    if (mid === high.rate || mid === low.rate) break;
    log(
      `decision: the server broke at ${fmt(high.rate ?? 0)} but not at ${fmt(low.rate ?? 0)}; trying ${fmt(mid)}`,
    );
    await run({ kind: 'breaking', rate: mid });
  }
  const breaking = broken();
  if (!breaking) notes.push(`the server did not break up to ${fmt(top)}`);
  const below = breaking && unbrokenBelow(breaking.rate ?? 0);

  const result: SearchResult = { steps, notes };
  if (pass) {
    const confirmed = steps.filter(
      (s) => s.kind === 'confirm' && s.rate === pass.rate && s.judgement.sustainable,
    );
    const shown = confirmed.at(-1) ?? pass;
    result.maxSustainable = {
      rate: pass.rate ?? 0,
      step: shown.index,
      why:
        `goodput ${fmt(shown.window.goodput)} of ${fmt(pass.rate ?? 0)} offered, objective held` +
        (confirmed.length > 0 ? ' in the search and its confirmation' : ' once (not confirmed)'),
    };
  }
  if (breaking)
    result.breakingPoint = {
      rate: breaking.rate ?? 0,
      step: breaking.index,
      why: `${breaking.judgement.broke ?? ''}${below ? `; ${fmt(below.rate ?? 0)} did not break` : ''}`,
    };
  const curve = steps.filter((s) => s.window.inFlight !== undefined && s.window.requests > 0);
  const knee = findKnee(curve.map((s) => ({ x: s.window.inFlight ?? 0, y: s.window.throughput })));
  const at = knee === undefined ? undefined : curve[knee];
  if (at)
    result.knee = {
      rate: at.window.throughput,
      inFlight: at.window.inFlight ?? 0,
      step: at.index,
      why: `throughput bends at ${(at.window.inFlight ?? 0).toFixed(1)} requests in flight`,
    };
  else notes.push('no knee: throughput against requests in flight did not bend over the steps run');
  return result;
}

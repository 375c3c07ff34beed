// The capacity search: a synchronous probe (one user) and a throughput probe (many users) bound the rates; the
// rate is then bracketed and bisected to the highest one that is sustainable, pushed past it until the server
// breaks, and the knee of throughput against requests in flight is read off every step. Each step is `measure`d
// by the caller (a real run, or a model in the tests); this file only decides what to run next and why.
import { findKnee } from './find-knee.ts';
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
}

export const DEFAULT_SEARCH: Readonly<SearchSettings> = Object.freeze({
  precision: 0.05,
  probeUsers: 32,
  maxRateSteps: 10,
  maxBreakingSteps: 2,
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

function fmt(rate: number): string {
  return `${rate.toFixed(2)} req/s`;
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

  let pass: CapacityStep | undefined;
  let fail: CapacityStep | undefined;
  let rate = roundRate(peak);
  const floor = roundRate(sync.window.throughput / 8);
  for (let n = 0; n < settings.maxRateSteps; n += 1) {
    const step = await run({ kind: 'rate', rate });
    const verdict = step.judgement.sustainable
      ? 'sustainable'
      : `not sustainable (${step.judgement.misses[0]})`;
    // The highest rate that held, and the lowest above it that did not (noise can make them cross).
    const rated = steps.filter((s) => s.kind === 'rate');
    pass = rated.filter((s) => s.judgement.sustainable).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
    fail = rated
      .filter((s) => !s.judgement.sustainable && (s.rate ?? 0) > (pass?.rate ?? 0))
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))[0];
    let next: number;
    if (pass === undefined) {
      next = roundRate(rate / 2);
      if (next < floor || next === rate) {
        log(`decision: ${fmt(rate)} ${verdict}; no lower rate is tried`);
        notes.push(`the objective does not hold even at ${fmt(rate)}`);
        break;
      }
    } else if (fail === undefined) {
      next = roundRate((pass.rate ?? rate) * GROW);
    } else {
      const low = pass.rate ?? 0;
      const high = fail.rate ?? 0;
      if ((high - low) / high <= settings.precision) {
        log(
          `decision: ${fmt(rate)} ${verdict}; ${fmt(low)} holds and ${fmt(high)} does not: within ${Math.round(settings.precision * 100)}%, done`,
        );
        break;
      }
      next = roundRate((low + high) / 2);
      if (next === low || next === high) {
        log(`decision: ${fmt(rate)} ${verdict}; the rate resolution (1/min) is reached`);
        break;
      }
    }
    log(`decision: ${fmt(rate)} ${verdict}; next ${fmt(next)}`);
    rate = next;
  }
  if (pass && fail && ((fail.rate ?? 0) - (pass.rate ?? 0)) / (fail.rate ?? 1) > settings.precision)
    notes.push(
      `the bisection stopped at ${settings.maxRateSteps} rate steps, between ${fmt(pass.rate ?? 0)} and ${fmt(fail.rate ?? 0)}`,
    );
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
  const breaking = broken();
  if (!breaking) notes.push(`the server did not break up to ${fmt(top)}`);

  const result: SearchResult = { steps, notes };
  if (pass)
    result.maxSustainable = {
      rate: pass.rate ?? 0,
      step: pass.index,
      why: `goodput ${pass.window.goodput.toFixed(2)} req/s of ${fmt(pass.rate ?? 0)} offered, objective held`,
    };
  if (breaking)
    result.breakingPoint = {
      rate: breaking.rate ?? 0,
      step: breaking.index,
      why: breaking.judgement.broke ?? '',
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

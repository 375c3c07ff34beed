// The ramping-vus VU schedule as pure functions: k6's getRawExecutionSteps and its graceful ramp-down reservation.
import { msToNs, nsToMs } from '../duration.ts';
import type { Stripe } from './execution-tuple.ts';
import { FULL_STRIPE, SegmentedIndex } from './segmented-index.ts';
import type { RampingVusScenario, Stage } from './types.ts';

/** From `offsetMs` (relative to the scenario start) on, `vus` VUs should be running. */
export interface VuStep {
  offsetMs: number;
  vus: number;
}

interface NsStep {
  ns: number;
  vus: number;
}

/**
 * The target VU count over time: within a stage from `from` to `to` over D, value v is reached at
 * stageEnd - trunc(D*(to-v)/(to-from)), i.e. vus(t) = from + trunc((to-from)*(t-stageStart)/D), which floors
 * going up and ceils going down; 0s stages jump at once. `zeroEnd` appends a drop to 0 at the end of the stages.
 * With a segment's `stripe`, only the VU positions of the whole test that belong to that segment count.
 */
export function getRampingVusRawSteps(
  startVUs: number,
  stages: readonly Stage[],
  zeroEnd = false,
  stripe: Stripe = FULL_STRIPE,
): VuStep[] {
  return toMs(rawStepsNs(startVUs, stages, zeroEnd, stripe));
}

/**
 * The VUs the executor holds over time, k6's GetExecutionRequirements: like the raw steps, but a VU removed by a
 * ramp-down stays reserved for gracefulRampDown (unless the count rises again first), and the last step drops to 0
 * at sum(stages) + gracefulStop. A decrease here is when ramped-down VUs get hard-stopped.
 */
export function getRampingVusGracefulSteps(scenario: RampingVusScenario): VuStep[] {
  const raw = rawStepsNs(scenario.startVUs, scenario.stages, false, scenario.segment?.vus);
  const stagesNs = scenario.stages.reduce((sum, s) => sum + msToNs(s.durationMs), 0);
  const endNs = stagesNs + msToNs(scenario.gracefulStopMs);
  const rampDownNs = msToNs(scenario.gracefulRampDownMs);
  const steps = rampDownNs > 0 ? reserveForGracefulRampDowns(raw, rampDownNs, endNs) : raw;
  if (steps[steps.length - 1]?.vus !== 0) steps.push({ ns: endNs, vus: 0 });
  return toMs(steps);
}

/** The most VUs a step list ever asks for. */
export function getMaxVus(steps: readonly VuStep[]): number {
  return steps.reduce((max, step) => Math.max(max, step.vus), 0);
}

// k6's getRawExecutionSteps: a segmented index walks this segment's VU positions of the whole test (every
// position without a segment); a position is started when the whole test's ramp reaches it and stopped when the
// ramp falls below it. The index carries over between stages, as in k6.
function rawStepsNs(
  startVUs: number,
  stages: readonly Stage[],
  zeroEnd: boolean,
  stripe: Stripe = FULL_STRIPE,
): NsStep[] {
  const index = new SegmentedIndex(stripe);
  let { scaled, unscaled } = index.goTo(startVUs);
  const steps: NsStep[] = [{ ns: 0, vus: scaled }];
  const add = (ns: number, vus: number): void => {
    if (steps[steps.length - 1]?.vus !== vus) steps.push({ ns, vus });
  };
  let from = startVUs;
  let stageEnd = 0;
  for (const stage of stages) {
    const durationNs = msToNs(stage.durationMs);
    stageEnd += durationNs;
    const to = stage.target;
    const diff = to - from;
    if (diff === 0) continue;
    if (durationNs === 0) {
      ({ scaled, unscaled } = index.goTo(to));
      add(stageEnd, scaled);
    } else if (unscaled > to) {
      for (; unscaled > to; { scaled, unscaled } = index.prev()) {
        add(stageEnd - truncDiv(durationNs, to - unscaled + 1, diff), scaled - 1);
      }
    } else {
      for (; unscaled <= to; { scaled, unscaled } = index.next()) {
        add(stageEnd - truncDiv(durationNs, to - unscaled, diff), scaled);
      }
    }
    from = to;
  }
  if (zeroEnd && steps[steps.length - 1]?.vus !== 0) steps.push({ ns: stageEnd, vus: 0 });
  return steps;
}

// trunc(d*a/b) without losing precision once d*a passes 2^53 (hour-long stages with thousands of VUs)
function truncDiv(d: number, a: number, b: number): number {
  const product = d * a;
  if (Number.isSafeInteger(product)) return Math.trunc(product / b);
  return Number((BigInt(d) * BigInt(a)) / BigInt(b));
}

// A straight port of reserveVUsForGracefulRampDowns (lib/executor/ramping_vus.go).
function reserveForGracefulRampDowns(raw: NsStep[], rampDownNs: number, endNs: number): NsStep[] {
  const result: NsStep[] = [];
  let lastPlanned = 0;
  let lastDownwardSlope = 0;
  for (let i = 0; i < raw.length; i++) {
    const step = raw[i] as NsStep;
    if (i === 0 || step.vus > lastPlanned) {
      result.push(step);
      lastPlanned = step.vus;
      continue;
    }
    if (step.vus === lastPlanned) continue;

    const withTimeout = step.ns + rampDownNs;
    let skipped = false;
    let wasRampingDown = true;
    for (let j = Math.max(lastDownwardSlope, i + 1); j < raw.length; j++) {
      const ahead = raw[j] as NsStep;
      if (ahead.ns > withTimeout) break;
      if (ahead.vus >= lastPlanned) {
        i = j - 1;
        skipped = true;
        break;
      }
      if (wasRampingDown) {
        if ((raw[j - 1] as NsStep).vus > ahead.vus) lastDownwardSlope = j;
        else wasRampingDown = false;
      }
    }
    if (skipped) continue;
    if (withTimeout >= endNs) break;
    result.push({ ns: withTimeout, vus: step.vus });
    lastPlanned = step.vus;
  }
  return result;
}

function toMs(steps: NsStep[]): VuStep[] {
  return steps.map((s) => ({ offsetMs: nsToMs(s.ns), vus: s.vus }));
}

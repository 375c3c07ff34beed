// The ramping-vus VU schedule as pure functions: k6's getRawExecutionSteps and its graceful ramp-down reservation.
import { msToNs, nsToMs } from '../duration.ts';
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
 */
export function getRampingVusRawSteps(startVUs: number, stages: readonly Stage[], zeroEnd = false): VuStep[] {
  return toMs(rawStepsNs(startVUs, stages, zeroEnd));
}

/**
 * The VUs the executor holds over time, k6's GetExecutionRequirements: like the raw steps, but a VU removed by a
 * ramp-down stays reserved for gracefulRampDown (unless the count rises again first), and the last step drops to 0
 * at sum(stages) + gracefulStop. A decrease here is when ramped-down VUs get hard-stopped.
 */
export function getRampingVusGracefulSteps(scenario: RampingVusScenario): VuStep[] {
  const raw = rawStepsNs(scenario.startVUs, scenario.stages, false);
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

function rawStepsNs(startVUs: number, stages: readonly Stage[], zeroEnd: boolean): NsStep[] {
  const steps: NsStep[] = [{ ns: 0, vus: startVUs }];
  const add = (ns: number, vus: number): void => {
    if (steps[steps.length - 1]?.vus !== vus) steps.push({ ns, vus });
  };
  let from = startVUs;
  let stageEnd = 0;
  for (const stage of stages) {
    const durationNs = msToNs(stage.durationMs);
    stageEnd += durationNs;
    const to = stage.target;
    if (to === from) continue;
    if (durationNs === 0) {
      add(stageEnd, to);
    } else {
      const direction = to > from ? 1 : -1;
      for (let v = from + direction; v !== to + direction; v += direction) {
        add(stageEnd - truncDiv(durationNs, to - v, to - from), v);
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

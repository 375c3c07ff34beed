// Iteration start times of the arrival-rate executors, as lazy generators of offsets (ms) from the scenario start.
import { msToNs } from '../duration.ts';
import { pickStriped } from './segmented-index.ts';
import type { ConstantArrivalRateScenario, RampingArrivalRateScenario, Stage } from './types.ts';

/**
 * The start offsets an arrival-rate scenario runs. On a segment, k6 walks the whole test's timeline with the
 * striped offsets of a sequence re-cut from maxVUs, so the parts' starts are disjoint and together are the whole.
 */
export function getArrivalStarts(
  scenario: ConstantArrivalRateScenario | RampingArrivalRateScenario,
): Iterable<number> {
  const starts =
    scenario.executor === 'constant-arrival-rate'
      ? constantArrivalStarts(scenario.rate, scenario.timeUnitMs, scenario.durationMs)
      : rampingArrivalStarts(scenario.startRate, scenario.timeUnitMs, scenario.stages);
  return scenario.segment ? pickStriped(starts, scenario.segment.iterations) : starts;
}

/**
 * constant-arrival-rate: iteration i (0, 1, ...) starts at i * period, where period = trunc(timeUnit / rate) in
 * whole nanoseconds like k6's ticker; the first starts at t=0. Yields only starts strictly before `durationMs`.
 */
export function* constantArrivalStarts(
  rate: number,
  timeUnitMs: number,
  durationMs = Infinity,
): Generator<number> {
  if (rate <= 0) return;
  const periodNs = Math.trunc(msToNs(timeUnitMs) / rate);
  if (periodNs <= 0)
    throw new RangeError(`rate ${rate} per ${timeUnitMs}ms is faster than one start per nanosecond`);
  for (let i = 0; ; i++) {
    const offsetMs = (i * periodNs) / 1e6;
    if (offsetMs >= durationMs) return;
    yield offsetMs;
  }
}

/**
 * ramping-arrival-rate, k6's `cal()`: iteration i (1-based) starts where the integral of the rate reaches i. At a
 * constant rate r the first starts at 1/r; within a ramp from `from` to `to` over D (rates per ns, counted from
 * the stage start) it starts at x = (from*D - sqrt(D*(from²*D + 2*(i-done)*(to-from)))) / (from-to).
 * The sequence ends with the last stage; it may include a start exactly at the end.
 */
export function* rampingArrivalStarts(
  startRate: number,
  timeUnitMs: number,
  stages: readonly Stage[],
): Generator<number> {
  const timeUnitNs = msToNs(timeUnitMs);
  let from = startRate / timeUnitNs;
  let stageStartNs = 0;
  let doneSoFar = 0;
  let endCount = 0;
  let i = 1;
  for (const stage of stages) {
    const to = stage.target / timeUnitNs;
    const durationNs = msToNs(stage.durationMs);
    if (from !== to) {
      endCount += durationNs * ((to - from) / 2 + from);
      for (; i <= endCount; i++) {
        const root = Math.sqrt(
          Math.max(0, durationNs * (from * from * durationNs + 2 * (i - doneSoFar) * (to - from))),
        );
        const x = (from * durationNs - root) / (from - to);
        yield (Math.trunc(x) + stageStartNs) / 1e6;
      }
    } else {
      endCount += durationNs * to;
      for (; i <= endCount; i++) {
        yield (Math.trunc((i - doneSoFar) / to) + stageStartNs) / 1e6;
      }
    }
    doneSoFar = endCount;
    from = to;
    stageStartNs += durationNs;
  }
}

/** Total length of a list of stages in ms. */
export function sumStagesMs(stages: readonly Stage[]): number {
  return stages.reduce((sum, stage) => sum + msToNs(stage.durationMs), 0) / 1e6;
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LiveStep } from '../../../src/capacity/live-step.ts';

const T0 = 1_700_000_000_000;

/** `perSecond` requests finishing every second for `seconds`, each with this TTFT and E2E. */
function feed(
  step: LiveStep,
  from: number,
  seconds: number,
  perSecond: number,
  ttft: (s: number) => number,
  e2e = 1000,
): void {
  for (let s = from; s < from + seconds; s += 1) {
    for (let i = 0; i < perSecond; i += 1) {
      const time = T0 + s * 1000 + (i * 1000) / perSecond;
      step.add({ metric: 'llm_ttft', time, value: ttft(s), tags: {} });
      step.add({ metric: 'llm_e2e', time, value: e2e, tags: {} });
      step.add({ metric: 'llm_errors', time, value: i === 0 && s === from ? 1 : 0, tags: {} });
    }
  }
}

describe('LiveStep', () => {
  it('opens the window after the ramp and twice the median E2E', () => {
    const step = new LiveStep(T0, 1);
    feed(step, 0, 5, 4, () => 100, 1500);
    assert.equal(step.warmupSeconds(), 4);
  });

  it('never lets a growing E2E push the window past the settle limit', () => {
    const step = new LiveStep(T0, 1, 5);
    feed(step, 0, 5, 4, () => 100, 20_000);
    assert.equal(step.warmupSeconds(), 6);
  });

  it('cuts the window into whole-second batches of finished requests and Little in-flight', () => {
    const step = new LiveStep(T0, 0);
    feed(step, 0, 22, 5, () => 100, 800);
    const { startMs, endMs, batches } = step.series(T0 + 22_000);
    assert.equal(startMs, T0 + 2000);
    assert.equal(batches.batchSeconds, 2);
    assert.equal(batches.throughput.length, 10);
    assert.equal(endMs, T0 + 22_000);
    assert.ok(batches.throughput.every((x) => x === 5));
    assert.ok(
      batches.inFlight.every((x) => Math.abs((x ?? 0) - 4) < 1e-9),
      'five a second for 0.8 s: 4 in flight',
    );
  });

  it('is not judged before the window is long enough, then steady on a flat load', () => {
    const step = new LiveStep(T0, 0);
    feed(step, 0, 8, 10, () => 200);
    assert.equal(step.judge(T0 + 8000, 10), undefined);
    feed(step, 8, 14, 10, () => 200);
    assert.equal(step.judge(T0 + 22_000, 10)?.steadiness.state, 'steady');
  });

  it('sees a runaway when TTFT and E2E climb at a constant rate', () => {
    const step = new LiveStep(T0, 0);
    for (let s = 0; s < 22; s += 1) feed(step, s, 1, 10, () => 200 + s * 300, 1000 + s * 300);
    assert.equal(step.judge(T0 + 22_000, 10)?.steadiness.state, 'runaway');
  });

  it('counts dropped iterations', () => {
    const step = new LiveStep(T0, 0);
    step.add({ metric: 'dropped_iterations', time: T0, value: 3, tags: {} });
    step.add({ metric: 'dropped_iterations', time: T0 + 10, value: 2, tags: {} });
    assert.equal(step.dropped, 5);
  });
});

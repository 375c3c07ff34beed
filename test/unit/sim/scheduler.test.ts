import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SimMetrics } from '../../../src/sim/metrics.ts';
import { createRandom } from '../../../src/sim/prng.ts';
import {
  computeDecodeMs,
  computePrefillMs,
  SlotScheduler,
  type JobSpec,
  type JobTimings,
} from '../../../src/sim/scheduler.ts';
import { ManualClock } from './manual-clock.ts';

interface Recorded {
  tokenTimes: number[];
  timings?: JobTimings;
}

function setUp(slots: number, decodeMs = 10, contention = 0.5) {
  const clock = new ManualClock();
  const metrics = new SimMetrics();
  const settings = { slots, promptTokensPerSecond: 1000, decodeMsPerToken: decodeMs, contention, jitter: 0 };
  const scheduler = new SlotScheduler({ ...settings, random: createRandom(1) }, clock, metrics);
  const submit = (promptTokens: number, outputTokens: number, extra: Partial<JobSpec> = {}) => {
    const recorded: Recorded = { tokenTimes: [] };
    const handle = scheduler.submit({
      promptTokens,
      outputTokens,
      limit: outputTokens,
      onToken: () => recorded.tokenTimes.push(clock.now()),
      onFinish: (timings) => (recorded.timings = timings),
      ...extra,
    });
    return { recorded, handle };
  };
  return { clock, metrics, scheduler, submit };
}

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? 0));
}

describe('decode and prefill formulas', () => {
  it('grows decode time with each extra busy slot', () => {
    assert.equal(computeDecodeMs(10, 0.5, 1), 10);
    assert.equal(computeDecodeMs(10, 0.5, 2), 15);
    assert.equal(computeDecodeMs(10, 0.5, 4), 25);
    assert.equal(computeDecodeMs(10, 0.5, 0), 10);
  });

  it('prefills at the configured rate', () => {
    assert.equal(computePrefillMs(500, 1000), 500);
  });
});

describe('SlotScheduler', () => {
  it('defers requests beyond the slots: 2 slots and 4 requests leave 2 deferred', () => {
    const { clock, scheduler, submit } = setUp(2);
    const jobs = [submit(10, 3), submit(10, 3), submit(10, 3), submit(10, 3)];
    assert.equal(scheduler.processing, 2);
    assert.equal(scheduler.deferred, 2);
    assert.deepEqual(
      scheduler.viewSlots().map((s) => s.isProcessing),
      [true, true],
    );
    // The second job's prefill ends just after the first step started, so it joins one step later (t = 55).
    clock.advance(60);
    assert.ok(jobs[0]?.recorded.timings && jobs[1]?.recorded.timings, 'first two finished');
    assert.equal(scheduler.deferred, 0);
    assert.equal(scheduler.processing, 2);
    clock.advance(1000);
    assert.equal(scheduler.processing, 0);
    assert.ok(jobs.every((j) => j.recorded.timings?.predictedN === 3));
    assert.equal(jobs[2]?.recorded.timings?.queueMs, 40);
  });

  it('emits the first token when prefill ends, then one per decode step', () => {
    const { clock, submit } = setUp(4);
    const { recorded } = submit(50, 4);
    clock.advance(1000);
    assert.deepEqual(recorded.tokenTimes, [50, 60, 70, 80]);
    assert.equal(recorded.timings?.promptMs, 50);
    assert.equal(recorded.timings?.predictedMs, 30);
  });

  it('spaces tokens further apart when more slots are busy', () => {
    const alone = setUp(4);
    const single = alone.submit(10, 5).recorded;
    alone.clock.advance(1000);

    const crowded = setUp(4);
    const many = [crowded.submit(10, 5), crowded.submit(10, 5), crowded.submit(10, 5), crowded.submit(10, 5)];
    crowded.clock.advance(1000);

    assert.deepEqual(gaps(single.tokenTimes), [10, 10, 10, 10]);
    assert.deepEqual(gaps(many[0]?.recorded.tokenTimes ?? []), [25, 25, 25, 25]);
  });

  it('frees the slot of a cancelled job for the next one', () => {
    const { clock, scheduler, submit } = setUp(1);
    const first = submit(10, 100);
    const second = submit(10, 2);
    clock.advance(30);
    assert.equal(scheduler.deferred, 1);
    first.handle.cancel();
    first.handle.cancel();
    assert.equal(scheduler.deferred, 0);
    clock.advance(1000);
    assert.equal(second.recorded.timings?.predictedN, 2);
    assert.equal(first.recorded.timings, undefined);
    assert.equal(scheduler.processing, 0);
  });

  it('holds a paused job in its slot without sending', () => {
    const { clock, scheduler, submit } = setUp(2);
    const { recorded } = submit(10, 4, { pause: { afterTokens: 2, ms: 200 } });
    clock.advance(100);
    assert.equal(recorded.tokenTimes.length, 2);
    assert.equal(scheduler.processing, 1);
    clock.advance(1000);
    assert.deepEqual(recorded.tokenTimes, [10, 20, 230, 240], 'the stall adds 200 ms to one gap');
  });

  it('counts prompt and generated tokens in the metrics', () => {
    const { clock, metrics, submit } = setUp(2);
    submit(30, 5);
    submit(20, 0);
    clock.advance(1000);
    assert.equal(metrics.promptTokensTotal, 50);
    assert.equal(metrics.predictedTokensTotal, 5);
    assert.ok(metrics.decodeTotal >= 2 + 4);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExecutionScheduler } from '../../../../src/engine/execution/scheduler.ts';
import type { Scenario } from '../../../../src/engine/execution/types.ts';
import { base, createFakeEngine } from './fake-engine.ts';

async function run(scenario: Scenario, engine: ReturnType<typeof createFakeEngine>): Promise<number> {
  const startedAt = engine.elapsed();
  await new ExecutionScheduler([scenario], engine.pool, engine.observer).run();
  return startedAt;
}

describe('constant-arrival-rate', () => {
  it('starts iteration i at i*timeUnit/rate from an absolute start, the first at 0', async () => {
    const engine = createFakeEngine({ iterationMs: 5, maxVus: 5 });
    const scenario: Scenario = {
      ...base('car'),
      executor: 'constant-arrival-rate',
      rate: 20,
      timeUnitMs: 1000,
      durationMs: 500,
      preAllocatedVUs: 5,
      maxVUs: 5,
    };
    const startedAt = await run(scenario, engine);
    const starts = engine.iterations.map((r) => r.startMs - startedAt);
    // a stalled process may lose the last start to the end of the duration, as k6 would
    assert.ok(starts.length >= 8 && starts.length <= 10, `${starts.length} starts`);
    const errors = starts.map((t, i) => Math.abs(t - i * 50));
    const meanError = errors.reduce((a, b) => a + b, 0) / errors.length;
    assert.ok(
      meanError < 20 && Math.max(...errors) < 80,
      `start errors ${errors.map((e) => e.toFixed(1)).join(' ')}`,
    );
    assert.equal(engine.droppedTotal(), 0);
  });

  it('drops iterations when no VU is idle and initialises extra VUs only up to maxVUs', async () => {
    const engine = createFakeEngine({ iterationMs: 200, maxVus: 50 });
    const scenario: Scenario = {
      ...base('car'),
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnitMs: 1000,
      durationMs: 600,
      preAllocatedVUs: 2,
      maxVUs: 5,
    };
    await run(scenario, engine);
    const started = engine.iterations.length;
    assert.equal(engine.pool.initialized(), 5, 'extra VUs stop at maxVUs');
    assert.ok(started <= 5 * 4, `started ${started}`);
    assert.ok(engine.droppedTotal() >= 30, `dropped ${engine.droppedTotal()}`);
    assert.ok(
      started + engine.droppedTotal() >= 50 && started + engine.droppedTotal() <= 60,
      'every scheduled start is run or dropped',
    );
    assert.ok(Math.max(...engine.vusSamples.map((s) => s.busy)) <= 5);
    assert.match(engine.warnings.join('\n'), /insufficient VUs, reached 5 active VUs/);
  });

  it('counts idle pre-allocated VUs in the `vus` gauge, and busy ones separately', async () => {
    const engine = createFakeEngine({ iterationMs: 10, maxVus: 3 });
    const scenario: Scenario = {
      ...base('car'),
      executor: 'constant-arrival-rate',
      rate: 4,
      timeUnitMs: 1000,
      durationMs: 300,
      preAllocatedVUs: 3,
      maxVUs: 3,
    };
    await run(scenario, engine);
    assert.equal(Math.max(...engine.vusSamples.map((s) => s.active)), 3);
    assert.equal(Math.max(...engine.vusSamples.map((s) => s.busy)), 1);
    assert.equal(engine.vusSamples.at(-1)?.active, 0);
    assert.equal(engine.done().length, 2);
  });
});

describe('ramping-arrival-rate', () => {
  it('starts the first iteration at 1/r for a constant rate', async () => {
    const engine = createFakeEngine({ iterationMs: 5, maxVus: 2 });
    const scenario: Scenario = {
      ...base('rar'),
      executor: 'ramping-arrival-rate',
      startRate: 10,
      timeUnitMs: 1000,
      stages: [{ durationMs: 450, target: 10 }],
      preAllocatedVUs: 2,
      maxVUs: 2,
    };
    const startedAt = await run(scenario, engine);
    const starts = engine.iterations.map((r) => r.startMs - startedAt);
    assert.ok(starts.length >= 3 && starts.length <= 4, `${starts.length} starts`);
    assert.ok((starts[0] ?? 0) >= 95 && (starts[0] ?? 0) < 300, `first start at ${starts[0]}`);
  });

  it('follows a ramp with the integral formula (0 -> 20/s over 1s: starts at sqrt(i/10) s)', async () => {
    const engine = createFakeEngine({ iterationMs: 5, maxVus: 5 });
    const scenario: Scenario = {
      ...base('rar'),
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnitMs: 1000,
      stages: [{ durationMs: 1000, target: 20 }],
      preAllocatedVUs: 5,
      maxVUs: 5,
    };
    const startedAt = await run(scenario, engine);
    const starts = engine.iterations.map((r) => r.startMs - startedAt);
    assert.ok(starts.length >= 9 && starts.length <= 10, `${starts.length} starts`);
    starts.slice(0, 9).forEach((t, i) => {
      const expected = Math.sqrt((i + 1) / 10) * 1000;
      assert.ok(
        Math.abs(t - expected) < 60,
        `iteration ${i + 1} at ${t.toFixed(1)}, expected ${expected.toFixed(1)}`,
      );
    });
  });
});

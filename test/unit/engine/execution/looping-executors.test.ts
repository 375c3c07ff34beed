import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScenarios } from '../../../../src/engine/execution/scheduler.ts';
import type { Scenario } from '../../../../src/engine/execution/types.ts';
import { base, createFakeEngine } from './fake-engine.ts';

async function run(scenario: Scenario, engine: ReturnType<typeof createFakeEngine>): Promise<number> {
  const started = engine.elapsed();
  await runScenarios([scenario], engine.pool, engine.observer);
  return engine.elapsed() - started;
}

describe('constant-vus', () => {
  it('loops iterations on every VU for the duration', async () => {
    const engine = createFakeEngine({ iterationMs: 20, maxVus: 3 });
    const took = await run({ ...base('cv'), executor: 'constant-vus', vus: 3, durationMs: 400 }, engine);
    const perVu = [1, 2, 3].map((id) => engine.done().filter((r) => r.vu === id).length);
    assert.ok(
      perVu.every((n) => n >= 8 && n <= 21),
      `iterations per VU: ${perVu.join(', ')}`,
    );
    assert.equal(engine.interrupted().length, 0);
    assert.ok(
      engine.iterations.every((r) => r.startMs < 400 + 100),
      'no iteration starts after the duration',
    );
    assert.ok(took >= 395 && took < 1500, `took ${took}ms`);
    assert.equal(engine.pool.idle(), 3, 'all VUs are back in the pool');
    assert.deepEqual(engine.vusSamples.at(-1)?.active, 0);
  });

  it('lets an in-flight iteration finish within gracefulStop', async () => {
    const engine = createFakeEngine({ iterationMs: 500, maxVus: 1 });
    const took = await run(
      { ...base('cv', { gracefulStopMs: 2000 }), executor: 'constant-vus', vus: 1, durationMs: 200 },
      engine,
    );
    assert.equal(engine.done().length, 1);
    assert.ok(took >= 490 && took < 1500, `took ${took}ms`);
  });

  it('interrupts an iteration still running at duration + gracefulStop', async () => {
    const engine = createFakeEngine({ iterationMs: 5000, maxVus: 1 });
    const took = await run(
      { ...base('cv', { gracefulStopMs: 200 }), executor: 'constant-vus', vus: 1, durationMs: 200 },
      engine,
    );
    assert.equal(engine.interrupted().length, 1);
    assert.equal(engine.done().length, 0);
    assert.ok(took >= 395 && took < 1500, `took ${took}ms`);
  });
});

describe('per-vu-iterations', () => {
  it('runs exactly `iterations` on each VU, with scenario and per-VU counters', async () => {
    const engine = createFakeEngine({ iterationMs: 5, maxVus: 3 });
    await run(
      { ...base('pv'), executor: 'per-vu-iterations', vus: 3, iterations: 4, maxDurationMs: 10_000 },
      engine,
    );
    assert.equal(engine.done().length, 12);
    for (const id of [1, 2, 3]) {
      assert.deepEqual(
        engine
          .done()
          .filter((r) => r.vu === id)
          .map((r) => r.vuIteration),
        [0, 1, 2, 3],
      );
    }
    assert.deepEqual(
      engine.iterations.map((r) => r.iteration).sort((a, b) => a - b),
      [...Array(12).keys()],
    );
    assert.equal(engine.droppedTotal(), 0);
  });

  it('drops the iterations each VU did not start by maxDuration, per VU', async () => {
    const engine = createFakeEngine({ iterationMs: 100, maxVus: 2 });
    await run(
      { ...base('pv'), executor: 'per-vu-iterations', vus: 2, iterations: 10, maxDurationMs: 250 },
      engine,
    );
    for (const id of [1, 2]) {
      const started = engine.iterations.filter((r) => r.vu === id).length;
      const droppedForVu = engine.dropped.filter((d) => d.vuId === id).reduce((sum, d) => sum + d.count, 0);
      assert.ok(started >= 2 && started <= 3, `VU ${id} started ${started}`);
      assert.equal(started + droppedForVu, 10);
    }
    assert.equal(engine.interrupted().length, 0, 'the last iterations finish within gracefulStop');
  });
});

describe('shared-iterations', () => {
  it('runs exactly the shared total across the VUs', async () => {
    const engine = createFakeEngine({ iterationMs: 3, maxVus: 4 });
    await run(
      { ...base('si'), executor: 'shared-iterations', vus: 4, iterations: 25, maxDurationMs: 10_000 },
      engine,
    );
    assert.equal(engine.done().length, 25);
    assert.equal(new Set(engine.done().map((r) => r.iteration)).size, 25);
    assert.ok(new Set(engine.done().map((r) => r.vu)).size > 1, 'the work is shared');
    assert.equal(engine.droppedTotal(), 0);
  });

  it('drops total - attempted once maxDuration passes', async () => {
    const engine = createFakeEngine({ iterationMs: 50, maxVus: 2 });
    await run(
      { ...base('si'), executor: 'shared-iterations', vus: 2, iterations: 100, maxDurationMs: 200 },
      engine,
    );
    const attempted = engine.iterations.length;
    assert.ok(attempted >= 4 && attempted <= 12, `attempted ${attempted}`);
    assert.equal(engine.droppedTotal('si'), 100 - attempted);
    assert.equal(engine.dropped.length, 1, 'one dropped sample for the scenario');
  });
});

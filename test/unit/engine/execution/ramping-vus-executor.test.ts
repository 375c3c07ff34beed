import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScenarios } from '../../../../src/engine/execution/scheduler.ts';
import type { Scenario, Stage } from '../../../../src/engine/execution/types.ts';
import { base, createFakeEngine } from './fake-engine.ts';

function rampingVus(
  startVUs: number,
  stages: Stage[],
  gracefulRampDownMs: number,
  gracefulStopMs = 30_000,
): Scenario {
  return { ...base('rv', { gracefulStopMs }), executor: 'ramping-vus', startVUs, stages, gracefulRampDownMs };
}

const activeAt = (engine: ReturnType<typeof createFakeEngine>, atMs: number): number =>
  engine.vusSamples.filter((s) => s.atMs <= atMs).at(-1)?.active ?? 0;

describe('ramping-vus executor', () => {
  it('follows the stages up and down', async () => {
    const engine = createFakeEngine({ iterationMs: 10, maxVus: 3 });
    const stages = [
      { durationMs: 300, target: 3 },
      { durationMs: 300, target: 3 },
      { durationMs: 300, target: 0 },
    ];
    // gracefulRampDown lets removed VUs finish their iteration (with 0 it would be interrupted at once)
    await runScenarios([rampingVus(0, stages, 1000)], engine.pool, engine.observer);
    assert.equal(Math.max(...engine.vusSamples.map((s) => s.active)), 3);
    assert.equal(activeAt(engine, 50), 0, 'the first VU starts at 100ms');
    assert.equal(activeAt(engine, 450), 3);
    assert.equal(engine.vusSamples.at(-1)?.active, 0);
    // No VU starts an iteration once it is removed (the highest first: active drops below its number), measured
    // on the same clock, so a busy machine delaying both cannot fail it; the loose bound catches a runaway.
    const removedAt = (vu: number): number => {
      const added = engine.vusSamples.find((s) => s.active >= vu)?.atMs ?? 0;
      return engine.vusSamples.find((s) => s.atMs > added && s.active < vu)?.atMs ?? Infinity;
    };
    for (const r of engine.iterations)
      assert.ok(
        r.startMs <= removedAt(r.vu),
        `VU ${r.vu} started at ${r.startMs} ms, removed at ${removedAt(r.vu)}`,
      );
    assert.ok(
      engine.iterations.every((r) => r.startMs < 900 + 300),
      'nothing starts after the last stage',
    );
    const firstStart = (vu: number): number =>
      Math.min(...engine.iterations.filter((r) => r.vu === vu).map((r) => r.startMs));
    assert.ok(firstStart(1) < firstStart(2) && firstStart(2) < firstStart(3), 'VUs are added one by one');
    const lastStart = (vu: number): number =>
      Math.max(...engine.iterations.filter((r) => r.vu === vu).map((r) => r.startMs));
    assert.ok(lastStart(3) < lastStart(2) && lastStart(2) < lastStart(1), 'the highest VU is removed first');
    assert.equal(engine.interrupted().length, 0);
  });

  it('hard-stops a ramped-down VU whose iteration outlives gracefulRampDown', async () => {
    // 2 VUs, down to 1 at 100ms with gracefulRampDown 200ms: VU 2's 1s iteration is interrupted at ~300ms
    const engine = createFakeEngine({ iterationMs: 1000, maxVus: 2 });
    const stages = [
      { durationMs: 100, target: 2 },
      { durationMs: 0, target: 1 },
      { durationMs: 700, target: 1 },
    ];
    await runScenarios([rampingVus(2, stages, 200)], engine.pool, engine.observer);
    const [vu2] = engine.iterations.filter((r) => r.vu === 2);
    assert.equal(vu2?.interrupted, true);
    assert.ok((vu2?.endMs ?? 0) >= 280 && (vu2?.endMs ?? 0) < 700, `VU 2 stopped at ${vu2?.endMs}`);
    const vu1 = engine.iterations.filter((r) => r.vu === 1);
    assert.equal(vu1[0]?.interrupted, false, 'VU 1 keeps running, then gets gracefulStop');
    assert.equal(engine.iterations.filter((r) => r.vu === 2).length, 1);
  });

  it('lets a ramped-down VU finish its iteration within gracefulRampDown, then stop', async () => {
    const engine = createFakeEngine({ iterationMs: 150, maxVus: 2 });
    const stages = [
      { durationMs: 100, target: 2 },
      { durationMs: 0, target: 1 },
      { durationMs: 500, target: 1 },
    ];
    await runScenarios([rampingVus(2, stages, 1000)], engine.pool, engine.observer);
    const vu2 = engine.iterations.filter((r) => r.vu === 2);
    assert.equal(vu2.length, 1, 'no new iteration after the ramp-down');
    assert.equal(vu2[0]?.interrupted, false);
    assert.ok(engine.iterations.filter((r) => r.vu === 1).length >= 3);
  });

  it('hard-stops the remaining VUs at the end of the stages + gracefulStop', async () => {
    const engine = createFakeEngine({ iterationMs: 5000, maxVus: 1 });
    const started = engine.elapsed();
    await runScenarios(
      [rampingVus(1, [{ durationMs: 200, target: 1 }], 30_000, 200)],
      engine.pool,
      engine.observer,
    );
    const took = engine.elapsed() - started;
    assert.equal(engine.interrupted().length, 1);
    assert.ok(took >= 380 && took < 1500, `took ${took}`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExecutionScheduler, runScenarios } from '../../../../src/engine/execution/scheduler.ts';
import type { Scenario } from '../../../../src/engine/execution/types.ts';
import { base, createFakeEngine, sleep } from './fake-engine.ts';

const perVu = (name: string, startTimeMs: number): Scenario => ({
  ...base(name, { startTimeMs }),
  executor: 'per-vu-iterations',
  vus: 1,
  iterations: 1,
  maxDurationMs: 10_000,
});

describe('ExecutionScheduler', () => {
  it('starts scenarios at their startTime and reuses VUs across them', async () => {
    const engine = createFakeEngine({ iterationMs: 50, maxVus: 1 });
    const scheduler = new ExecutionScheduler(
      [perVu('late', 300), perVu('early', 0)],
      engine.pool,
      engine.observer,
    );
    const started = engine.elapsed();
    const running = scheduler.run();
    await sleep(150);
    assert.deepEqual(
      scheduler.progress().map((p) => [p.scenario, p.status]),
      [
        ['early', 'done'],
        ['late', 'waiting'],
      ],
    );
    await running;
    const [early, late] = ['early', 'late'].map((name) => engine.iterations.find((r) => r.scenario === name));
    assert.ok((early?.startMs ?? Infinity) - started < 100);
    assert.ok((late?.startMs ?? 0) - started >= 295, `late started at ${late?.startMs}`);
    assert.deepEqual([early?.vu, late?.vu], [1, 1], 'the same VU serves both scenarios');
    assert.deepEqual(
      scheduler.progress().map((p) => [p.status, p.iterations, p.fraction]),
      [
        ['done', 1, 1],
        ['done', 1, 1],
      ],
    );
  });

  it('runs scenarios concurrently', async () => {
    const engine = createFakeEngine({ iterationMs: 20, maxVus: 4 });
    const scenario = (name: string): Scenario => ({
      ...base(name),
      executor: 'constant-vus',
      vus: 2,
      durationMs: 300,
    });
    await runScenarios([scenario('a'), scenario('b')], engine.pool, engine.observer);
    const starts = (name: string): number[] => engine.done(name).map((r) => r.startMs);
    assert.ok(engine.done('a').length > 5 && engine.done('b').length > 5);
    assert.ok(Math.min(...starts('b')) < Math.max(...starts('a')), 'the scenarios overlap in time');
    assert.ok(Math.min(...starts('a')) < Math.max(...starts('b')), 'the scenarios overlap in time');
    assert.equal(Math.max(...engine.vusSamples.map((s) => s.active)), 4);
  });

  it('aborts everything at once, with no grace period and no dropped iterations', async () => {
    const engine = createFakeEngine({ iterationMs: 2000, maxVus: 3 });
    const controller = new AbortController();
    const scenarios: Scenario[] = [
      { ...base('cv'), executor: 'constant-vus', vus: 2, durationMs: 5000 },
      { ...base('pv'), executor: 'per-vu-iterations', vus: 1, iterations: 5, maxDurationMs: 5000 },
      perVu('later', 2000),
    ];
    const scheduler = new ExecutionScheduler(scenarios, engine.pool, engine.observer, {
      signal: controller.signal,
    });
    const running = scheduler.run();
    await sleep(150);
    const abortedAt = engine.elapsed();
    controller.abort();
    await running;
    assert.ok(
      engine.elapsed() - abortedAt < 200,
      `stopped ${engine.elapsed() - abortedAt}ms after the abort`,
    );
    assert.equal(engine.interrupted().length, 3);
    assert.equal(engine.done().length, 0);
    assert.equal(engine.droppedTotal(), 0);
    assert.equal(engine.iterations.filter((r) => r.scenario === 'later').length, 0);
    assert.deepEqual(
      scheduler.progress().map((p) => p.status),
      ['interrupted', 'interrupted', 'interrupted'],
    );
    assert.equal(engine.pool.idle(), 3);
  });

  it('aborts through abort() too', async () => {
    const engine = createFakeEngine({ iterationMs: 2000, maxVus: 1 });
    const scheduler = new ExecutionScheduler([perVu('pv', 0)], engine.pool, engine.observer);
    const running = scheduler.run();
    await sleep(50);
    scheduler.abort();
    await running;
    assert.equal(engine.interrupted().length, 1);
    assert.ok(scheduler.aborted);
  });

  it('rejects when VUs cannot be initialised, stopping the other scenarios', async () => {
    const engine = createFakeEngine({ iterationMs: 10, maxVus: 2, failInit: true });
    await assert.rejects(
      runScenarios(
        [{ ...base('cv'), executor: 'constant-vus', vus: 2, durationMs: 5000 }],
        engine.pool,
        engine.observer,
      ),
      /init of VU \d failed/,
    );
  });

  it('skips arrival-rate scenarios without VUs, with a warning', async () => {
    const engine = createFakeEngine({ iterationMs: 10, maxVus: 1 });
    const scenario: Scenario = {
      ...base('idle'),
      executor: 'constant-arrival-rate',
      rate: 10,
      timeUnitMs: 1000,
      durationMs: 1000,
      preAllocatedVUs: 0,
      maxVUs: 0,
    };
    await runScenarios([scenario], engine.pool, engine.observer);
    assert.equal(engine.iterations.length, 0);
    assert.match(engine.warnings.join(), /'idle' is disabled due to lack of work/);
  });

  it('reports progress while running', async () => {
    const engine = createFakeEngine({ iterationMs: 10, maxVus: 2 });
    const scheduler = new ExecutionScheduler(
      [{ ...base('cv'), executor: 'constant-vus', vus: 2, durationMs: 400 }],
      engine.pool,
      engine.observer,
    );
    const running = scheduler.run();
    await sleep(200);
    const [mid] = scheduler.progress();
    await running;
    assert.equal(mid?.status, 'running');
    assert.equal(mid?.activeVus, 2);
    assert.equal(mid?.maxVus, 2);
    assert.ok((mid?.fraction ?? 0) > 0.3 && (mid?.fraction ?? 1) < 0.8, `fraction ${mid?.fraction}`);
    assert.ok((mid?.elapsedMs ?? 0) >= 190);
    const [end] = scheduler.progress();
    assert.deepEqual([end?.status, end?.fraction, end?.activeVus], ['done', 1, 0]);
  });

  it('counts an iteration whose runIteration rejects, reporting the error', async () => {
    const failures: unknown[] = [];
    const engine = createFakeEngine({ iterationMs: 1, maxVus: 1 });
    const vu = { id: 1, runIteration: () => Promise.reject(new Error('script blew up')) };
    const done: boolean[] = [];
    await runScenarios(
      [perVu('pv', 0)],
      { acquire: async () => vu, release: () => undefined, initialized: () => 1 },
      {
        ...engine.observer,
        iterationDone: (_scenario, _vu, _ms, interrupted) => done.push(interrupted),
        iterationFailed: (_scenario, _vu, error) => failures.push(error),
      },
    );
    assert.deepEqual(done, [false]);
    assert.match(String(failures[0]), /script blew up/);
  });

  for (const executor of ['constant-vus', 'ramping-vus', 'constant-arrival-rate'] as const) {
    it(`rejects (without unhandled rejections) when the observer throws, for ${executor}`, async () => {
      const engine = createFakeEngine({ iterationMs: 5, maxVus: 2 });
      const scenarios: Record<typeof executor, Scenario> = {
        'constant-vus': { ...base('s'), executor: 'constant-vus', vus: 1, durationMs: 5000 },
        'ramping-vus': {
          ...base('s'),
          executor: 'ramping-vus',
          startVUs: 1,
          stages: [{ durationMs: 5000, target: 1 }],
          gracefulRampDownMs: 0,
        },
        'constant-arrival-rate': {
          ...base('s'),
          executor: 'constant-arrival-rate',
          rate: 50,
          timeUnitMs: 1000,
          durationMs: 5000,
          preAllocatedVUs: 1,
          maxVUs: 1,
        },
      };
      const observer = {
        ...engine.observer,
        iterationDone: () => {
          throw new Error('observer bug');
        },
      };
      const started = engine.elapsed();
      await assert.rejects(runScenarios([scenarios[executor]], engine.pool, observer), /observer bug/);
      assert.ok(engine.elapsed() - started < 1000, 'the scenario stops at once');
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VuHandle } from '../../../../src/engine/execution/runtime-types.ts';
import { runScenarios } from '../../../../src/engine/execution/scheduler.ts';
import { createVuPool } from '../../../../src/engine/execution/vu-pool.ts';
import { base, createFakeEngine } from './fake-engine.ts';

const fakeVu = async (id: number): Promise<VuHandle> => ({ id, runIteration: async () => undefined });

describe('createVuPool', () => {
  it('initialises lazily up to the cap with ids in order, then reuses idle VUs first in, first out', async () => {
    const pool = createVuPool(fakeVu, 2);
    const [a, b] = await Promise.all([pool.acquire(), pool.acquire()]);
    assert.deepEqual([a.id, b.id, pool.initialized()], [1, 2, 2]);
    const waiting = pool.acquire();
    pool.release(b);
    assert.equal((await waiting).id, 2, 'a waiting acquire gets the next release');
    pool.release(a);
    assert.equal((await pool.acquire()).id, 1);
    assert.equal(pool.initialized(), 2);
  });

  it('pre-initialises VUs, and a failed initialisation uses up its id', async () => {
    let fail = true;
    const pool = createVuPool(async (id) => {
      if (id === 1 && fail) throw new Error('boom');
      return fakeVu(id);
    }, 3);
    await assert.rejects(pool.acquire(), /boom/);
    fail = false;
    await pool.preinitialize(2);
    assert.deepEqual([pool.initialized(), pool.idle()], [2, 2]);
    assert.deepEqual([(await pool.acquire()).id, (await pool.acquire()).id], [2, 3]);
  });

  it('stops waiting when the signal aborts', async () => {
    const pool = createVuPool(fakeVu, 1);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
    pool.release(held);
    assert.equal(pool.idle(), 1, 'the aborted waiter did not take the VU');
  });

  it('does not hang a scenario when the pool is smaller than the plan', async () => {
    const engine = createFakeEngine({ iterationMs: 5, maxVus: 2 });
    const started = engine.elapsed();
    await runScenarios(
      [
        {
          ...base('car', { gracefulStopMs: 100 }),
          executor: 'constant-arrival-rate',
          rate: 10,
          timeUnitMs: 1000,
          durationMs: 200,
          preAllocatedVUs: 3,
          maxVUs: 3,
        },
      ],
      engine.pool,
      engine.observer,
    );
    assert.ok(engine.elapsed() - started < 1500);
    assert.equal(engine.pool.idle(), 2);
  });
});

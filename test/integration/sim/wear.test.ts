// The long-run failure modes: leak, slowdown, idle unload with reload delay, crash, and the request log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startSim } from '../../../src/sim/server.ts';
import { FAST } from './stream-reader.ts';

async function chat(
  url: string,
  id?: string,
): Promise<{ status: number; ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(id ? { 'x-client-request-id': id } : {}) },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, ignore_eos: true }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, ms: performance.now() - started, body };
}

describe('sim wear', () => {
  it('keeps leaked buffers per answered request, so the process RSS grows', async () => {
    const sim = await startSim({ ...FAST, leakBytesPerRequest: 4 << 20 });
    try {
      const before = process.memoryUsage().rss;
      for (let i = 0; i < 10; i++) assert.equal((await chat(sim.url)).status, 200);
      const grown = process.memoryUsage().rss - before;
      assert.ok(grown > 30 * (1 << 20), `rss grew ${grown} bytes`);
    } finally {
      await sim.close();
    }
  });

  it('slows decoding with every request served', async () => {
    const sim = await startSim({ ...FAST, decodeMsPerToken: 1, slowdownMsPerRequest: 5 });
    try {
      await chat(sim.url); // warm-up: the first request also pays for loading code
      const first = await chat(sim.url);
      for (let i = 0; i < 8; i++) await chat(sim.url);
      const last = await chat(sim.url);
      assert.ok(last.ms > first.ms + 60, `first ${first.ms} ms, last ${last.ms} ms`);
    } finally {
      await sim.close();
    }
  });

  it('unloads after the idle keep-alive and reports the reload as load_duration', async () => {
    // A keep-alive of a second: a busy test machine must not make the warm requests look idle.
    const sim = await startSim({ ...FAST, unloadAfterIdleMs: 1000, reloadMs: 300 });
    try {
      const warm = await chat(sim.url);
      assert.equal(warm.body['load_duration'], 0);
      await delay(1100);
      const cold = await chat(sim.url);
      assert.ok(cold.ms >= 280, `cold request took ${cold.ms} ms`);
      assert.ok(Number(cold.body['load_duration']) >= 250e6, String(cold.body['load_duration']));
      assert.equal((await chat(sim.url)).body['load_duration'], 0);
    } finally {
      await sim.close();
    }
  });

  it('dies after N answered requests and logs each request with its client request id', async () => {
    const sim = await startSim({ ...FAST, crashAfterRequests: 3, logRequests: true });
    try {
      for (const id of ['a', 'b', 'c']) assert.equal((await chat(sim.url, id)).status, 200);
      await sim.crashed;
      await assert.rejects(chat(sim.url, 'd'));
      const ids = sim.requestLog().map((entry) => [entry.clientRequestId, entry.status]);
      assert.deepEqual(ids, [
        ['a', 200],
        ['b', 200],
        ['c', 200],
      ]);
    } finally {
      await sim.close();
    }
  });
});

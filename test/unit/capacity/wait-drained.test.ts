import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { waitDrained } from '../../../src/capacity/wait-drained.ts';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';

describe('waitDrained', () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSim({ slots: 1, decodeMsPerToken: 20, jitter: 0, seed: 1 });
  });
  after(() => sim.close());

  it('waits while the server has requests in progress, then says it drained', async () => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 60,
      ignore_eos: true,
    });
    const send = () =>
      request(`${sim.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then((r) => r.body.text());
    // Two requests on one slot: 2 x 60 x 20 ms = about 2.4 s of work.
    const answers = Promise.all([send(), send()]);
    await new Promise((r) => setTimeout(r, 200));
    const busy = await waitDrained(sim.url, 300, 100);
    assert.equal(busy.state, 'busy');
    assert.ok((busy.inProgress ?? 0) >= 1);
    const drained = await waitDrained(sim.url, 10_000, 100);
    assert.equal(drained.state, 'drained');
    assert.ok(drained.waitedMs > 1000, `waited ${drained.waitedMs} ms`);
    await answers;
  });

  it('cannot tell without /metrics', async () => {
    const result = await waitDrained('http://127.0.0.1:9/v1');
    assert.equal(result.state, 'unknown');
  });
});

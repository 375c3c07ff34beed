import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { postJson, readNdjson, readSse, tryParse, FAST } from './stream-reader.ts';

const chat = { messages: [{ role: 'user', content: 'hi' }], stream: true, max_tokens: 10, ignore_eos: true };

function contentChunks(texts: readonly string[]): number {
  return texts
    .map((t) => tryParse(t) as { choices?: { delta?: { content?: unknown } }[] } | undefined)
    .filter((c) => typeof c?.choices?.[0]?.delta?.content === 'string').length;
}

describe('per-request faults (x-sim-fault)', () => {
  let sim: RunningSim;
  before(async () => (sim = await startSim(FAST)));
  after(() => sim.close());
  const send = (fault: string, body: unknown = chat, path = '/v1/chat/completions') =>
    postJson(`${sim.url}${path}`, body, { 'x-sim-fault': fault });

  it('status: answers the status with a llama-style JSON error', async () => {
    const response = await send('status=503');
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: { code: number; type: string; message: string } };
    assert.equal(body.error.code, 503);
    assert.equal(body.error.type, 'unavailable_error');
    const limited = await send('status=429', { model: 'm', prompt: 'x' }, '/api/generate');
    assert.equal(limited.status, 429);
    assert.equal(typeof ((await limited.json()) as { error: unknown }).error, 'string');
  });

  it('disconnect-after: destroys the socket after that many tokens', async () => {
    const response = await send('disconnect-after=4');
    assert.equal(response.status, 200);
    const { payloads, error } = await readSse(response);
    assert.ok(error, 'the body ends with an error');
    assert.equal(contentChunks(payloads.map((p) => p.text)), 4);
    assert.ok(!payloads.some((p) => p.text === '[DONE]'));
    await assert.rejects(async () => (await send('disconnect-after=2', { ...chat, stream: false })).json());
  });

  it('stall-ms: stops sending mid-stream for that long, then finishes', async () => {
    const response = await send('stall-ms=300; stall-after=3');
    const { payloads, error } = await readSse(response);
    assert.equal(error, undefined);
    const times = payloads.filter((p) => contentChunks([p.text]) === 1).map((p) => p.at);
    assert.equal(times.length, 10);
    const gap = (times[3] ?? 0) - (times[2] ?? 0);
    assert.ok(gap >= 280, `gap after token 3 was ${gap} ms`);
    assert.ok((times[2] ?? 0) - (times[0] ?? 0) < 200, 'no stall before');
    assert.equal(payloads.at(-1)?.text, '[DONE]');
  });

  it('malformed: sends one chunk that is not valid JSON and keeps streaming', async () => {
    const response = await send('malformed=2', { ...chat, stream_options: { include_usage: true } });
    const { payloads } = await readSse(response);
    const texts = payloads.map((p) => p.text).filter((t) => t !== '[DONE]');
    assert.equal(texts.filter((t) => tryParse(t) === undefined).length, 1);
    assert.equal(contentChunks(texts), 10);
    const ndjson = await send(
      'malformed',
      { model: 'm', prompt: 'x', options: { num_predict: 6 } },
      '/api/generate',
    );
    const lines = (await readNdjson(ndjson)).payloads.map((p) => p.text);
    assert.equal(lines.filter((t) => tryParse(t) === undefined).length, 1);
    const plain = await send('malformed', { ...chat, stream: false });
    assert.equal(tryParse(await plain.text()), undefined);
  });

  it('slow-headers-ms: delays the status line and headers', async () => {
    const started = performance.now();
    const response = await send('slow-headers-ms=300');
    const waited = performance.now() - started;
    assert.equal(response.status, 200);
    assert.ok(waited >= 290, `headers after ${waited} ms`);
    assert.equal((await readSse(response)).payloads.at(-1)?.text, '[DONE]');
    assert.ok((await fetch(`${sim.url}/health`, { headers: { 'x-sim-fault': 'slow-headers-ms=150' } })).ok);
  });

  it('html: answers 200 with an HTML page instead of JSON', async () => {
    const response = await send('html');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /^<!DOCTYPE html>/);
  });

  it('rejects an unknown fault with 400', async () => {
    const response = await send('explode');
    assert.equal(response.status, 400);
    assert.match(
      ((await response.json()) as { error: { message: string } }).error.message,
      /unknown fault 'explode'/,
    );
  });

  it('counts injected faults in stats()', () => {
    const { faults } = sim.stats();
    assert.ok(faults.status >= 2 && faults.disconnect >= 2 && faults.stall >= 1 && faults.html >= 1);
  });
});

describe('global faults (seeded)', () => {
  it('hits generation routes only, in the same sequence for the same seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const sim = await startSim({ ...FAST, seed: 9, faultRates: { status: 0.5 } });
      try {
        assert.equal((await fetch(`${sim.url}/health`)).status, 200);
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) {
          const response = await postJson(`${sim.url}/completion`, { prompt: `p${i}`, n_predict: 1 });
          await response.arrayBuffer();
          codes.push(response.status);
        }
        return codes;
      } finally {
        await sim.close();
      }
    };
    const first = await statuses();
    assert.deepEqual(first, await statuses());
    assert.ok(first.includes(200) && first.some((c) => [429, 500, 503].includes(c)), first.join(','));
  });

  it('lets x-sim-fault: none opt a request out', async () => {
    const sim = await startSim({ ...FAST, faultRates: { html: 1 } });
    try {
      assert.match(
        (await postJson(`${sim.url}/completion`, { prompt: 'x' })).headers.get('content-type') ?? '',
        /html/,
      );
      const clean = await postJson(
        `${sim.url}/completion`,
        { prompt: 'x', n_predict: 1 },
        { 'x-sim-fault': 'none' },
      );
      assert.match(clean.headers.get('content-type') ?? '', /json/);
    } finally {
      await sim.close();
    }
  });
});

import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { postJson, readSse, tryParse, FAST } from './stream-reader.ts';

interface NativeFinal {
  content: string;
  stop: boolean;
  stop_type: string;
  tokens_predicted: number;
  tokens_evaluated: number;
  truncated: boolean;
  timings: Record<string, number>;
}

describe('llama-server routes', () => {
  let sim: RunningSim;
  before(async () => (sim = await startSim({ ...FAST, slots: 3, nCtx: 2048 })));
  after(() => sim.close());

  it('answers /health with {"status":"ok"} once loaded', async () => {
    const response = await fetch(`${sim.url}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('describes itself on /props', async () => {
    const props = (await (await fetch(`${sim.url}/props`)).json()) as Record<string, unknown>;
    assert.deepEqual((props['default_generation_settings'] as { n_ctx: number }).n_ctx, 2048);
    assert.equal(props['total_slots'], 3);
    assert.match(String(props['build_info']), /^sim-/);
    assert.equal(typeof props['model_path'], 'string');
    assert.equal(typeof props['chat_template'], 'string');
    assert.deepEqual(props['modalities'], { vision: false, audio: false });
  });

  it('lists idle slots on /slots', async () => {
    const slots = (await (await fetch(`${sim.url}/slots`)).json()) as Record<string, unknown>[];
    assert.equal(slots.length, 3);
    assert.deepEqual(Object.keys(slots[0] ?? {}), [
      'id',
      'id_task',
      'n_ctx',
      'speculative',
      'is_processing',
      'params',
      'next_token',
    ]);
    assert.deepEqual(slots[0]?.['next_token'], {
      has_next_token: false,
      has_new_line: false,
      n_remain: -1,
      n_decoded: 0,
    });
    assert.ok(
      slots.every((s) => s['is_processing'] === false && s['speculative'] === false && s['n_ctx'] === 2048),
    );
  });

  it('serves /metrics as Prometheus text', async () => {
    const response = await fetch(`${sim.url}/metrics`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      'prompt_tokens_total',
      'tokens_predicted_seconds_total',
      'requests_deferred',
      'n_busy_slots_per_decode',
    ]) {
      assert.match(
        text,
        new RegExp(
          `^# HELP llamacpp:${name} .+\\n# TYPE llamacpp:${name} (counter|gauge)\\nllamacpp:${name} [0-9.e+-]+$`,
          'm',
        ),
      );
    }
  });

  it('answers POST /completion with content, counts, stop type and timings', async () => {
    const response = await postJson(`${sim.url}/completion`, {
      prompt: 'hello world',
      n_predict: 4,
      ignore_eos: true,
    });
    const body = (await response.json()) as NativeFinal;
    assert.equal(body.stop, true);
    assert.equal(body.stop_type, 'limit');
    assert.equal(body.tokens_predicted, 4);
    assert.equal(body.tokens_evaluated, 3);
    assert.equal(body.truncated, false);
    assert.equal(body.content.split(' ').length, 4);
    assert.deepEqual(Object.keys(body.timings), [
      'cache_n',
      'prompt_n',
      'prompt_ms',
      'prompt_per_token_ms',
      'prompt_per_second',
      'predicted_n',
      'predicted_ms',
      'predicted_per_token_ms',
      'predicted_per_second',
    ]);
  });

  it('streams /completion as SSE content chunks ending with stop:true and timings', async () => {
    const response = await postJson(`${sim.url}/completion`, {
      prompt: 'hello',
      n_predict: 100,
      stream: true,
    });
    const { payloads } = await readSse(response);
    const chunks = payloads.map(
      (p) => tryParse(p.text) as { content: string; stop: boolean } & Partial<NativeFinal>,
    );
    const final = chunks.at(-1);
    assert.equal(final?.stop, true);
    assert.equal(final?.stop_type, 'eos');
    assert.equal(
      chunks.slice(0, -1).filter((c) => c.stop === false && c.content !== '').length,
      final?.tokens_predicted,
    );
    assert.equal(final?.timings?.['predicted_n'], final?.tokens_predicted);
  });

  it('gives the same answer for the same seed and prompts in another simulator', async () => {
    const twin = await startSim({ ...FAST, slots: 3, nCtx: 2048, seed: 1 });
    const fresh = await startSim({ ...FAST, slots: 3, nCtx: 2048, seed: 1 });
    try {
      const ask = async (target: RunningSim, prompt: string) =>
        ((await (await postJson(`${target.url}/completion`, { prompt })).json()) as NativeFinal).content;
      const prompts = ['alpha', 'beta', 'alpha'];
      const first = await Promise.all(prompts.map((p) => ask(twin, p)));
      const second = [];
      for (const p of prompts) second.push(await ask(fresh, p));
      assert.deepEqual(first, second);
      assert.notEqual(first[0], first[2]);
    } finally {
      await Promise.all([twin.close(), fresh.close()]);
    }
  });

  it('answers unknown paths 404, bad JSON 400 and wrong methods 405, all as JSON errors', async () => {
    const missing = await fetch(`${sim.url}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: number } }).error.code, 404);
    const bad = await fetch(`${sim.url}/completion`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    const wrongType = await postJson(`${sim.url}/completion`, { prompt: 'x', n_predict: 'ten' });
    assert.equal(wrongType.status, 400);
    assert.match(((await wrongType.json()) as { error: { message: string } }).error.message, /n_predict/);
    assert.equal((await fetch(`${sim.url}/completion`)).status, 405);
    const ollamaMissing = await fetch(`${sim.url}/api/nope`);
    assert.equal(ollamaMissing.status, 404);
    assert.equal(typeof ((await ollamaMissing.json()) as { error: unknown }).error, 'string');
  });
});

describe('loading', () => {
  it('answers /health 503 "Loading model" during loadMs, then 200', async () => {
    const sim = await startSim({ ...FAST, loadMs: 300 });
    try {
      const loading = await fetch(`${sim.url}/health`);
      assert.equal(loading.status, 503);
      assert.deepEqual(await loading.json(), {
        error: { code: 503, message: 'Loading model', type: 'unavailable_error' },
      });
      assert.equal((await postJson(`${sim.url}/completion`, { prompt: 'x' })).status, 503);
      await delay(320);
      assert.equal((await fetch(`${sim.url}/health`)).status, 200);
      assert.equal((await postJson(`${sim.url}/completion`, { prompt: 'x', n_predict: 1 })).status, 200);
    } finally {
      await sim.close();
    }
  });
});

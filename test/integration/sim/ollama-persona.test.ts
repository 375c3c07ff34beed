// The simulator as Ollama: started from `serve` and OLLAMA_* variables; pull, /api/ps with expiry, keep-alive.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { parseOllamaLaunch } from '../../../src/sim/ollama-environment.ts';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { postJson, readNdjson, tryParse } from './stream-reader.ts';

const SIM_ENV = { INFERLOAD_SIM_DECODE_MS: '2', INFERLOAD_SIM_JITTER: '0', INFERLOAD_SIM_PP_RATE: '100000' };

function startOllama(env: Record<string, string>): Promise<RunningSim> {
  return startSim(parseOllamaLaunch(['serve'], { OLLAMA_HOST: '127.0.0.1:0', ...SIM_ENV, ...env }).options);
}

interface Ps {
  models: { name: string; expires_at: string }[];
}

const ps = async (sim: RunningSim): Promise<Ps> => (await (await fetch(`${sim.url}/api/ps`)).json()) as Ps;

async function chat(sim: RunningSim, model: string, extra: Record<string, unknown> = {}) {
  const body = {
    model,
    messages: [{ role: 'user', content: 'hi' }],
    stream: false,
    options: { num_predict: 4 },
    ...extra,
  };
  const response = await postJson(`${sim.url}/api/chat`, body);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sim as Ollama', () => {
  it('answers / and refuses a model until it is pulled; a pull streams the status lines', async () => {
    const sim = await startOllama({});
    try {
      assert.equal(await (await fetch(`${sim.url}/`)).text(), 'Ollama is running');
      const missing = await chat(sim, 'llama3.2:1b');
      assert.equal(missing.status, 404);
      assert.match(String(missing.body['error']), /model "llama3.2:1b" not found, try pulling it first/);
      const pull = await readNdjson(await postJson(`${sim.url}/api/pull`, { model: 'llama3.2:1b' }));
      const statuses = pull.payloads.map((p) => (tryParse(p.text) as { status: string }).status);
      assert.equal(statuses[0], 'pulling manifest');
      assert.equal(statuses.at(-1), 'success');
      const tags = (await (await fetch(`${sim.url}/api/tags`)).json()) as { models: { name: string }[] };
      assert.ok(tags.models.some((m) => m.name === 'llama3.2:1b'));
      assert.equal((await chat(sim, 'llama3.2:1b')).status, 200);
      const again = (await (
        await postJson(`${sim.url}/api/pull`, { model: 'llama3.2:1b', stream: false })
      ).json()) as { status: string };
      assert.equal(again.status, 'success');
      assert.equal((await postJson(`${sim.url}/api/pull`, { model: '' })).status, 400);
      assert.equal((await fetch(`${sim.url}/slots`)).status, 404, 'no llama.cpp routes');
      const openai = await postJson(`${sim.url}/v1/chat/completions`, {
        model: 'llama3.2:1b',
        messages: [{ role: 'user', content: 'x' }],
        max_tokens: 2,
      });
      assert.equal(openai.status, 200);
    } finally {
      await sim.close();
    }
  });

  it('loads on first use, shows the model in /api/ps until keep-alive runs out, then reloads', async () => {
    const sim = await startOllama({ OLLAMA_KEEP_ALIVE: '1500ms', INFERLOAD_SIM_RELOAD_MS: '120' });
    try {
      assert.deepEqual(await ps(sim), { models: [] }, 'nothing loaded before the first request');
      const first = await chat(sim, 'sim-model');
      assert.ok(Number(first.body['load_duration']) >= 100e6, `load ${first.body['load_duration']}`);
      const loaded = await ps(sim);
      assert.equal(loaded.models[0]?.name, 'sim-model:latest');
      const expiresIn = Date.parse(loaded.models[0]?.expires_at ?? '') - Date.now();
      assert.ok(expiresIn > 0 && expiresIn <= 1500, `expires in ${expiresIn} ms`);
      const warm = await chat(sim, 'sim-model');
      assert.equal(warm.body['load_duration'], 0, 'still loaded');
      await delay(1700);
      assert.deepEqual(await ps(sim), { models: [] }, 'unloaded after keep-alive');
      const cold = await chat(sim, 'sim-model');
      assert.ok(Number(cold.body['load_duration']) >= 100e6, 'loads again');
    } finally {
      await sim.close();
    }
  });

  it('keeps a model forever with a negative keep-alive', async () => {
    const sim = await startOllama({ OLLAMA_KEEP_ALIVE: '-1' });
    try {
      await chat(sim, 'sim-model');
      const expires = new Date((await ps(sim)).models[0]?.expires_at ?? '');
      assert.ok(expires.getUTCFullYear() > 2200, expires.toISOString());
    } finally {
      await sim.close();
    }
  });

  it('runs at most OLLAMA_NUM_PARALLEL requests at once; OLLAMA_MAX_QUEUE more wait, the rest get 503', async () => {
    const sim = await startOllama({ OLLAMA_NUM_PARALLEL: '2', OLLAMA_MAX_QUEUE: '1' });
    const controller = new AbortController();
    try {
      await chat(sim, 'sim-model');
      const body = { model: 'sim-model', prompt: 'x', options: { num_predict: 5000 } };
      const open = await Promise.all(
        [1, 2, 3].map(() => postJson(`${sim.url}/api/generate`, body, {}, controller.signal)),
      );
      await delay(50);
      assert.deepEqual([sim.stats().processing, sim.stats().deferred], [2, 1]);
      const refused = await postJson(`${sim.url}/api/generate`, { ...body, stream: false });
      assert.equal(refused.status, 503);
      controller.abort();
      await Promise.all(open.map((r) => r.body?.cancel().catch(() => undefined)));
    } finally {
      await sim.close();
    }
  });
});

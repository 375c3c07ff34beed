import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { postJson, readNdjson, tryParse, FAST } from './stream-reader.ts';

interface OllamaChunk {
  model: string;
  created_at: string;
  done: boolean;
  message?: { role: string; content: string };
  response?: string;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  context?: number[];
}

const FINAL_KEYS = [
  'total_duration',
  'load_duration',
  'prompt_eval_count',
  'prompt_eval_duration',
  'eval_count',
  'eval_duration',
];

describe('Ollama routes', () => {
  let sim: RunningSim;
  before(async () => (sim = await startSim(FAST)));
  after(() => sim.close());

  it('streams /api/chat as NDJSON by default, ending with done:true and ns durations', async () => {
    const response = await postJson(`${sim.url}/api/chat`, {
      model: 'llama3',
      messages: [{ role: 'user', content: 'hi' }],
      options: { num_predict: 100 },
    });
    assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
    const { payloads } = await readNdjson(response);
    const chunks = payloads.map((p) => tryParse(p.text) as OllamaChunk);
    const final = chunks.at(-1);
    assert.equal(final?.done, true);
    assert.equal(final?.done_reason, 'stop');
    for (const key of FINAL_KEYS) assert.ok(Number.isInteger(final?.[key as keyof OllamaChunk]), key);
    const tokens = chunks.slice(0, -1);
    assert.ok(
      tokens.every((c) => c.done === false && c.model === 'llama3' && c.message?.role === 'assistant'),
    );
    assert.equal(tokens.length, final?.eval_count);
    assert.ok(
      (final?.eval_duration ?? 0) >= ((final?.eval_count ?? 0) - 1) * 2e6 * 0.9,
      'eval_duration in ns',
    );
  });

  it('answers /api/generate with stream:false as one JSON with the whole response and context', async () => {
    const response = await postJson(`${sim.url}/api/generate`, {
      model: 'llama3',
      prompt: 'why',
      stream: false,
      options: { num_predict: 3 },
    });
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as OllamaChunk;
    assert.equal(body.done, true);
    assert.equal(body.done_reason, 'length');
    assert.equal(body.response?.split(' ').length, 3);
    assert.equal(body.eval_count, 3);
    assert.equal(body.prompt_eval_count, 2);
    assert.equal(body.context?.length, 5);
  });

  it('requires a model and reports errors as {error: string}', async () => {
    const response = await postJson(`${sim.url}/api/generate`, { prompt: 'x' });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { error: 'model is required' });
  });

  it('lists the loaded model on /api/ps and /api/tags', async () => {
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: Record<string, unknown>[] };
    const model = ps.models[0] ?? {};
    for (const key of ['name', 'model', 'size', 'size_vram', 'digest', 'details', 'expires_at'])
      assert.ok(key in model, key);
    assert.ok(Date.parse(String(model['expires_at'])) > Date.now());
    const tags = (await (await fetch(`${sim.url}/api/tags`)).json()) as { models: { name: string }[] };
    assert.equal(tags.models[0]?.name, 'sim-model:latest');
  });

  it('waits for the model to load instead of failing, and reports load_duration', async () => {
    const loading = await startSim({ ...FAST, loadMs: 200 });
    try {
      assert.deepEqual(await (await fetch(`${loading.url}/api/ps`)).json(), { models: [] });
      const body = (await (
        await postJson(`${loading.url}/api/generate`, { model: 'm', prompt: 'x', stream: false })
      ).json()) as OllamaChunk;
      assert.ok(
        (body.load_duration ?? 0) > 0 && (body.load_duration ?? 0) <= 200e6,
        String(body.load_duration),
      );
      assert.ok((body.total_duration ?? 0) >= (body.load_duration ?? 0));
    } finally {
      await loading.close();
    }
  });
});

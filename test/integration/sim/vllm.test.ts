// The simulator as vLLM: started from vLLM's own command line, serving vLLM's routes and metric names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { parseVllmCommandLine } from '../../../src/sim/vllm-command-line.ts';
import { postJson, readSse, tryParse } from './stream-reader.ts';

const ARGS = [
  '/models/x',
  '--port',
  '0',
  '--max-num-seqs',
  '2',
  '--data-parallel-size',
  '2',
  '--max-model-len',
  '512',
];
const ENV = { INFERLOAD_SIM_DECODE_MS: '2', INFERLOAD_SIM_JITTER: '0', INFERLOAD_SIM_PP_RATE: '100000' };

/** Metric samples by name with labels, e.g. `vllm:num_requests_running{engine="0",model_name="/models/x"}`. */
async function scrape(sim: RunningSim): Promise<Map<string, number>> {
  const text = await (await fetch(`${sim.url}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const at = line.lastIndexOf(' ');
    if (line !== '' && !line.startsWith('#')) samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const LABELS = (engine: number) => `{engine="${engine}",model_name="/models/x"}`;

describe('sim as vLLM', () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSim(parseVllmCommandLine(ARGS, ENV).options);
  });
  after(() => sim.close());

  it('answers /health 200 with an empty body, /version, and lists the served model', async () => {
    const health = await fetch(`${sim.url}/health`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), '');
    const version = (await (await fetch(`${sim.url}/version`)).json()) as { version: string };
    assert.match(version.version, /^\d+\.\d+\.\d+/);
    const models = (await (await fetch(`${sim.url}/v1/models`)).json()) as {
      data: { id: string; owned_by: string; max_model_len: number }[];
    };
    assert.deepEqual(
      models.data.map((m) => [m.id, m.owned_by, m.max_model_len]),
      [['/models/x', 'vllm', 512]],
    );
  });

  it('serves only what vLLM serves: no llama.cpp or Ollama routes', async () => {
    for (const path of ['/slots', '/props', '/api/tags', '/models'])
      assert.equal((await fetch(`${sim.url}${path}`)).status, 404, path);
  });

  it('streams a chat with usage last, and refuses a model it does not serve', async () => {
    const body = {
      model: '/models/x',
      messages: [{ role: 'user', content: 'hello there' }],
      max_tokens: 6,
      ignore_eos: true,
      stream: true,
      stream_options: { include_usage: true },
    };
    const read = await readSse(await postJson(`${sim.url}/v1/chat/completions`, body));
    const texts = read.payloads.map((p) => p.text);
    assert.equal(texts.at(-1), '[DONE]');
    const usage = tryParse(texts.at(-2) ?? '') as {
      usage: { completion_tokens: number; prompt_tokens: number };
    };
    assert.equal(usage.usage.completion_tokens, 6);
    const wrong = await postJson(`${sim.url}/v1/chat/completions`, { ...body, model: 'other' });
    assert.equal(wrong.status, 404);
    assert.match(
      ((await wrong.json()) as { error: { message: string } }).error.message,
      /`other` does not exist/,
    );
    const text = await postJson(`${sim.url}/v1/completions`, {
      prompt: 'a b c',
      max_tokens: 3,
      ignore_eos: true,
    });
    assert.equal(
      ((await text.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens,
      3,
    );
  });

  it("exports vLLM's metric names, per engine, moving with the requests", async () => {
    const before = await scrape(sim);
    const controller = new AbortController();
    const long = { model: '/models/x', prompt: 'x', max_tokens: 5000, ignore_eos: true, stream: true };
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map(() => postJson(`${sim.url}/v1/completions`, long, {}, controller.signal)),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = await scrape(sim);
    controller.abort();
    await Promise.all(responses.map((r) => r.body?.cancel().catch(() => undefined)));
    // Two replicas of max-num-seqs 2: four run, one waits, spread over both engines.
    const running = [0, 1].map((e) => busy.get(`vllm:num_requests_running${LABELS(e)}`));
    const waiting = [0, 1].map((e) => busy.get(`vllm:num_requests_waiting${LABELS(e)}`) ?? NaN);
    assert.deepEqual(running, [2, 2]);
    assert.equal(
      waiting.reduce((a, b) => a + b, 0),
      1,
    );
    assert.ok((busy.get(`vllm:kv_cache_usage_perc${LABELS(0)}`) ?? 0) > 0);

    await postJson(`${sim.url}/v1/completions`, {
      model: '/models/x',
      prompt: 'a b',
      max_tokens: 4,
      ignore_eos: true,
    }).then((r) => r.json());
    const after = await scrape(sim);
    const delta = (name: string) =>
      (after.get(`${name}${LABELS(0)}`) ?? 0) - (before.get(`${name}${LABELS(0)}`) ?? 0);
    assert.ok(delta('vllm:prompt_tokens_total') >= 3);
    assert.ok(delta('vllm:generation_tokens_total') >= 4);
    assert.equal(delta('vllm:time_to_first_token_seconds_count'), 1);
    assert.equal(delta('vllm:e2e_request_latency_seconds_count'), 1);
    assert.equal(delta('vllm:inter_token_latency_seconds_count'), 3);
    const success = `vllm:request_success_total{engine="0",model_name="/models/x",finished_reason="length"}`;
    assert.equal((after.get(success) ?? 0) - (before.get(success) ?? 0), 1);
    const inf = after.get(
      `vllm:e2e_request_latency_seconds_bucket{engine="0",model_name="/models/x",le="+Inf"}`,
    );
    assert.equal(inf, after.get(`vllm:e2e_request_latency_seconds_count${LABELS(0)}`));
  });

  it('opens its port only once the model is loaded, as vLLM does', async () => {
    const started = performance.now();
    const loading = await startSim(
      parseVllmCommandLine(['m', '--port', '0'], { INFERLOAD_SIM_LOAD_MS: '300' }).options,
    );
    try {
      assert.ok(performance.now() - started >= 290);
      assert.equal((await fetch(`${loading.url}/health`)).status, 200);
    } finally {
      await loading.close();
    }
  });
});

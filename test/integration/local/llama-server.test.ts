// The real llama-server from Debian's packages, on the generated model, driven through `inferload local`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useTempLocalState } from '../../helpers/temp-state.ts';
import { startLocal } from '../../../src/local/start.ts';
import { stopLocal } from '../../../src/local/stop.ts';
import { localStatus } from '../../../src/local/status.ts';
import { isAlive } from '../../../src/process/probe-pid.ts';
import { streamChat } from '../../../src/demo-chat/stream-chat.ts';
import { metricValue, parsePrometheus } from '../../../src/server-metrics/parse-prometheus.ts';
import type { LocalServerState } from '../../../src/local/state.ts';

useTempLocalState();

async function tokensPredicted(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = metricValue(parsePrometheus(text), 'llamacpp:tokens_predicted_total');
  assert.ok(
    value !== undefined,
    `llamacpp:tokens_predicted_total missing from /metrics:\n${text.slice(0, 400)}`,
  );
  return value;
}

describe('local llama-server', { timeout: 300_000 }, () => {
  let state: LocalServerState;

  before(async () => {
    const result = await startLocal({ slots: 2, threads: 2, ctxPerSlot: 512, backend: 'llama-server' });
    assert.equal(result.fallbackReason, undefined);
    state = result.state;
  });

  after(async () => {
    await stopLocal();
  });

  it('is healthy, records its pid and port, and reports its slots', async () => {
    assert.equal(state.kind, 'llama-server');
    assert.match(state.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await localStatus();
    assert.deepEqual([status.alive, status.healthy], [true, true]);
    const health = (await (await fetch(`${state.url}/health`)).json()) as { status: string };
    assert.equal(health.status, 'ok');
    const props = (await (await fetch(`${state.url}/props`)).json()) as { total_slots: number };
    assert.equal(props.total_slots, 2);
    const slots = (await (await fetch(`${state.url}/slots`)).json()) as { n_ctx: number }[];
    assert.equal(slots.length, 2);
    assert.equal(slots[0]?.n_ctx, 512);
  });

  it('answers /completion with generated text and timings', async () => {
    const response = await fetch(`${state.url}/completion`, {
      method: 'POST',
      body: JSON.stringify({ prompt: 'the cat and the dog', n_predict: 12, ignore_eos: true }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      content: string;
      timings: { predicted_n: number; prompt_n: number };
    };
    assert.equal(body.timings.predicted_n, 12);
    assert.ok(body.timings.prompt_n > 0);
    assert.equal(typeof body.content, 'string');
  });

  it('streams a chat completion: TTFT measured, tokens from usage match /metrics', async () => {
    const before = await tokensPredicted(state.url);
    const result = await streamChat({
      baseUrl: state.url,
      prompt: 'tell me about the house',
      maxTokens: 24,
      ignoreEos: true,
    });
    assert.equal(result.status, 200);
    assert.equal(result.completionTokens, 24);
    assert.ok((result.promptTokens ?? 0) > 0);
    assert.ok(result.ttftMs !== undefined && result.ttftMs > 0);
    const promptMs = result.serverTimings?.['prompt_ms'];
    assert.ok(promptMs !== undefined, 'llama-server sends timings in the last chunk');
    assert.ok(result.ttftMs >= promptMs, `client TTFT ${result.ttftMs} >= server prompt_ms ${promptMs}`);
    assert.ok(result.itlMs.length > 0 && result.itlMs.every((gap) => gap >= 0));
    assert.ok(result.e2eMs >= result.ttftMs);
    assert.equal(result.finishReason, 'length');
    assert.equal((await tokensPredicted(state.url)) - before, 24);
  });

  it('start again reuses the running server; stop ends that pid only', async () => {
    const again = await startLocal({ slots: 2, threads: 2, ctxPerSlot: 512, backend: 'llama-server' });
    assert.equal(again.alreadyRunning, true);
    assert.equal(again.state.pid, state.pid);
    const stopped = await stopLocal();
    assert.equal(stopped.stopped, true);
    assert.equal(isAlive(state.pid), false);
    assert.equal((await localStatus()).state, undefined);
    assert.equal((await stopLocal()).stopped, false);
  });
});

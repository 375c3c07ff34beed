import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { countChatTokens } from '../../../src/sim/tokens.ts';
import { postJson, readSse, tryParse, FAST } from './stream-reader.ts';

interface ChatChunk {
  object: string;
  id: string;
  model: string;
  choices: { finish_reason: string | null; delta: { role?: string; content?: string | null } }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  timings?: { predicted_n: number; prompt_n: number; predicted_ms: number };
}

const messages = [{ role: 'user', content: 'say something short' }];

async function streamChat(
  sim: RunningSim,
  body: Record<string, unknown>,
): Promise<{ chunks: ChatChunk[]; last: string }> {
  const response = await postJson(`${sim.url}/v1/chat/completions`, { messages, stream: true, ...body });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const { payloads, error } = await readSse(response);
  assert.equal(error, undefined);
  const last = payloads.at(-1)?.text ?? '';
  return { chunks: payloads.slice(0, -1).map((p) => tryParse(p.text) as ChatChunk), last };
}

describe('OpenAI-compatible routes', () => {
  let sim: RunningSim;
  before(async () => (sim = await startSim(FAST)));
  after(() => sim.close());

  it('streams role, content chunks, a finish chunk with timings, then [DONE], without usage by default', async () => {
    const { chunks, last } = await streamChat(sim, {});
    assert.equal(last, '[DONE]');
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'sim-model'));
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const finish = chunks.at(-1);
    assert.equal(finish?.choices[0]?.finish_reason, 'stop');
    assert.ok(finish?.timings && finish.timings.predicted_n >= 5);
    assert.ok(chunks.every((c) => c.usage === undefined));
    const content = chunks.filter((c) => typeof c.choices[0]?.delta.content === 'string');
    assert.equal(content.length, finish?.timings?.predicted_n);
  });

  it('adds a usage chunk after the finish chunk with include_usage, counting every content chunk', async () => {
    const { chunks, last } = await streamChat(sim, {
      max_tokens: 7,
      ignore_eos: true,
      stream_options: { include_usage: true },
    });
    assert.equal(last, '[DONE]');
    const usageChunk = chunks.at(-1);
    const finish = chunks.at(-2);
    assert.equal(finish?.choices[0]?.finish_reason, 'length');
    assert.deepEqual(usageChunk?.choices, []);
    const content = chunks.filter((c) => typeof c.choices[0]?.delta.content === 'string');
    assert.equal(content.length, 7);
    assert.deepEqual(usageChunk?.usage, {
      prompt_tokens: countChatTokens(['say something short']),
      completion_tokens: 7,
      total_tokens: countChatTokens(['say something short']) + 7,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    assert.equal(usageChunk?.timings?.predicted_n, 7);
    assert.ok(new Set(chunks.map((c) => c.id)).size === 1);
  });

  it('answers non-streaming chat with message, usage and timings', async () => {
    const response = await postJson(`${sim.url}/v1/chat/completions`, { messages, max_tokens: 3 });
    const body = (await response.json()) as {
      object: string;
      choices: { finish_reason: string; message: { role: string; content: string } }[];
      usage: { completion_tokens: number; prompt_tokens: number };
      timings: { predicted_n: number };
    };
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]?.finish_reason, 'length');
    assert.equal(body.choices[0]?.message.role, 'assistant');
    assert.equal(body.choices[0]?.message.content.split(' ').length, 3);
    assert.equal(body.usage.completion_tokens, 3);
    assert.equal(body.timings.predicted_n, 3);
  });

  it('serves /v1/completions streaming and not', async () => {
    const streamed = await postJson(`${sim.url}/v1/completions`, {
      prompt: 'once upon a time',
      max_tokens: 4,
      stream: true,
      stream_options: { include_usage: true },
    });
    const { payloads } = await readSse(streamed);
    const chunks = payloads.slice(0, -1).map(
      (p) =>
        tryParse(p.text) as {
          object: string;
          choices: { text?: string; finish_reason: string | null }[];
          usage?: { completion_tokens: number };
        },
    );
    assert.ok(chunks.every((c) => c.object === 'text_completion'));
    assert.equal(chunks.filter((c) => c.choices[0]?.text).length, 4);
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 4);
    const plain = (await (
      await postJson(`${sim.url}/v1/completions`, { prompt: 'once', max_tokens: 2 })
    ).json()) as {
      choices: { text: string; finish_reason: string }[];
      usage: { prompt_tokens: number };
    };
    assert.equal(plain.choices[0]?.finish_reason, 'length');
    assert.equal(plain.usage.prompt_tokens, 2);
  });

  it('lists the model on /v1/models', async () => {
    const body = (await (await fetch(`${sim.url}/v1/models`)).json()) as {
      object: string;
      data: { id: string }[];
    };
    assert.equal(body.object, 'list');
    assert.equal(body.data[0]?.id, 'sim-model');
  });

  it('refuses a prompt longer than the context with exceed_context_size_error', async () => {
    const small = await startSim({ ...FAST, nCtx: 16 });
    try {
      const response = await postJson(`${small.url}/v1/chat/completions`, {
        messages: [{ role: 'user', content: 'a '.repeat(40) }],
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { type: string } };
      assert.equal(body.error.type, 'exceed_context_size_error');
    } finally {
      await small.close();
    }
  });
});

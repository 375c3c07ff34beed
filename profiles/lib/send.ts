// Sends one LLM request through an API adapter, streamed (k6/x/sse) or not (k6/http), and times it.
import http from 'k6/http';
import sse from 'k6/x/sse';
import type { ApiAdapter, Usage } from '../workloads/adapter.ts';
import type { ProfileEnv } from './env.ts';
import type { LlmResult } from './llm-result.ts';
import type { Prompt } from './prompts.ts';
import { classifyTransportError } from './classify.ts';
import { StreamTimer } from './stream-timer.ts';
import { noteMalformed } from './malformed.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function finish(usage: Usage, e2eMs: number, env: ProfileEnv, extra: Partial<LlmResult> = {}): LlmResult {
  return {
    e2eMs,
    itlMs: [],
    lengthIntended: env.ignoreEos,
    ...(usage.promptTokens === undefined ? {} : { promptTokens: usage.promptTokens }),
    ...(usage.outputTokens === undefined ? {} : { outputTokens: usage.outputTokens }),
    ...(usage.finishReason === undefined ? {} : { finishReason: usage.finishReason }),
    ...(usage.serverPromptMs === undefined ? {} : { serverPromptMs: usage.serverPromptMs }),
    ...(usage.serverTpotMs === undefined ? {} : { serverTpotMs: usage.serverTpotMs }),
    ...extra,
  };
}

/** A streamed request: TTFT and ITL from content chunks, tokens from the server's usage or final chunk. */
export async function sendStreaming(
  adapter: ApiAdapter,
  env: ProfileEnv,
  prompt: Prompt,
  tags: Record<string, string>,
): Promise<LlmResult> {
  const usage: Usage = {};
  const timer = new StreamTimer();
  let done = false;
  let malformed: string | undefined;
  let streamError: string | undefined;
  const response = await sse.open(
    `${env.targetUrl}${adapter.path(env)}`,
    {
      method: 'POST',
      body: JSON.stringify(adapter.body(prompt, env, true)),
      headers: JSON_HEADERS,
      tags,
      timeout: `${env.timeoutSeconds}s`,
    },
    (client) => {
      client.on('event', (event) => {
        const kind = adapter.readChunk(event.data, usage);
        if (kind === 'content') timer.content();
        else if (kind === 'done') done = true;
        else if (kind === 'malformed' && malformed === undefined) malformed = event.data;
      });
      client.on('error', (error) => {
        const message = error.error();
        // xk6-sse rejects a line that is not SSE (an HTML error page, garbage): the answer is malformed.
        if (message.startsWith('unknown event')) malformed ??= message.slice('unknown event: '.length);
        else streamError = message;
      });
    },
  );
  const e2eMs = timer.elapsed();
  if (response.status !== 200) return finish(usage, e2eMs, env, { errorKind: `http_${response.status}` });
  if (malformed !== undefined) {
    noteMalformed(adapter.name, malformed);
    return finish(usage, e2eMs, env, { errorKind: 'malformed' });
  }
  const transportError = streamError ?? response.error;
  if (transportError) return finish(usage, e2eMs, env, { errorKind: classifyTransportError(transportError) });
  // The stream ended without the API's end marker and without a finish reason: the server hung up.
  if (!done && usage.finishReason === undefined)
    return finish(usage, e2eMs, env, { errorKind: 'disconnect' });
  return finish(usage, e2eMs, env, {
    ...(timer.ttftMs === undefined ? {} : { ttftMs: timer.ttftMs }),
    itlMs: timer.itlMs,
  });
}

/** A request answered in one body: end-to-end latency and the server's own counts and timings only. */
export async function sendBlocking(
  adapter: ApiAdapter,
  env: ProfileEnv,
  prompt: Prompt,
  tags: Record<string, string>,
): Promise<LlmResult> {
  const usage: Usage = {};
  const timer = new StreamTimer();
  const response = await http.asyncRequest(
    'POST',
    `${env.targetUrl}${adapter.path(env)}`,
    JSON.stringify(adapter.body(prompt, env, false)),
    {
      headers: JSON_HEADERS,
      tags,
      timeout: `${env.timeoutSeconds}s`,
      responseType: 'text',
    },
  );
  const e2eMs = timer.elapsed();
  if (response.error_code === 1050) return finish(usage, e2eMs, env, { errorKind: 'timeout' });
  if (response.status === 0)
    return finish(usage, e2eMs, env, { errorKind: classifyTransportError(response.error) });
  if (response.status !== 200) return finish(usage, e2eMs, env, { errorKind: `http_${response.status}` });
  const body = typeof response.body === 'string' ? response.body : '';
  if (!adapter.readResponse(body, usage)) {
    noteMalformed(adapter.name, body);
    return finish(usage, e2eMs, env, { errorKind: 'malformed' });
  }
  return finish(usage, e2eMs, env);
}

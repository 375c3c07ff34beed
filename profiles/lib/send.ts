// Sends one LLM request through an API adapter, streamed (k6/x/sse) or not (k6/http), and times it.
import http from 'k6/http';
import sse from 'k6/x/sse';
import type { ApiAdapter, Usage } from '../workloads/adapter.ts';
import type { ProfileEnv } from './env.ts';
import type { ErrorKind, LlmResult } from './llm-result.ts';
import type { Prompt } from './prompts.ts';
import { classifyTransportError } from './classify.ts';
import { statusErrorKind } from './proxy-error.ts';
import { StreamTimer } from './stream-timer.ts';
import { noteMalformed } from './malformed.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
/** How much of an answer a failure's message quotes. */
const SAMPLE_CHARS = 200;

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

function fail(usage: Usage, e2eMs: number, env: ProfileEnv, kind: ErrorKind, message: string): LlmResult {
  return finish(usage, e2eMs, env, { errorKind: kind, errorMessage: message });
}

/** `HTTP 503: {"error":...}`: the status, and the start of what the server said with it. */
function describeStatus(status: number, said: string | undefined): string {
  const sample = said?.trim().slice(0, SAMPLE_CHARS);
  return sample ? `HTTP ${status}: ${sample}` : `HTTP ${status}`;
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
  let firstData: string | undefined;
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
        firstData ??= event.data;
        const kind = adapter.readChunk(event.data, usage);
        if (kind === 'content') timer.content();
        else if (kind === 'done') done = true;
        else if (kind === 'malformed' && malformed === undefined) malformed = event.data;
      });
      client.on('error', (error) => {
        const message = error.error();
        // xk6-sse rejects a line that is not SSE (an HTML error page, garbage): the answer is malformed.
        if (message.startsWith('unknown event')) malformed ??= message.slice('unknown event: '.length);
        else streamError ??= message;
      });
    },
  );
  const e2eMs = timer.elapsed();
  // The connection failed (status 0) or broke mid-stream: that, not the status, is why the request failed.
  const transportError = streamError ?? response.error;
  if (transportError) {
    return fail(usage, e2eMs, env, classifyTransportError(transportError), transportError);
  }
  if (response.status === 0) return fail(usage, e2eMs, env, 'network', 'no response and no error text');
  if (response.status !== 200) {
    return fail(
      usage,
      e2eMs,
      env,
      statusErrorKind(response.status, response.headers, firstData ?? malformed),
      describeStatus(response.status, firstData ?? malformed),
    );
  }
  if (malformed !== undefined) {
    noteMalformed(adapter.name, malformed);
    return fail(
      usage,
      e2eMs,
      env,
      'malformed',
      `malformed ${adapter.name} chunk: ${malformed.slice(0, SAMPLE_CHARS)}`,
    );
  }
  // The stream ended without the API's end marker and without a finish reason: the server hung up.
  if (!done && usage.finishReason === undefined) {
    return fail(
      usage,
      e2eMs,
      env,
      'disconnect',
      'the stream ended without its end marker or a finish reason',
    );
  }
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
  const body = typeof response.body === 'string' ? response.body : '';
  // k6 sets `error` only for transport failures (a status >= 400 leaves it empty): they come first.
  if (response.error) {
    const kind = classifyTransportError(response.error, response.error_code);
    return fail(usage, e2eMs, env, kind, response.error);
  }
  if (response.status === 0) return fail(usage, e2eMs, env, 'network', 'no response and no error text');
  if (response.status !== 200) {
    const kind = statusErrorKind(response.status, response.headers, body);
    return fail(usage, e2eMs, env, kind, describeStatus(response.status, body));
  }
  if (!adapter.readResponse(body, usage)) {
    noteMalformed(adapter.name, body);
    return fail(
      usage,
      e2eMs,
      env,
      'malformed',
      `malformed ${adapter.name} answer: ${body.slice(0, SAMPLE_CHARS) || '(empty body)'}`,
    );
  }
  return finish(usage, e2eMs, env);
}

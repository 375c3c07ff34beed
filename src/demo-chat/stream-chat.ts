// The demo's one streamed chat, timed as vLLM's bench times it; its SSE is read by the engine's parser.
import { SseLineParser, type SseEvent } from '../engine/modules/sse/sse-line-parser.ts';

export interface StreamChatRequest {
  baseUrl: string;
  prompt: string;
  maxTokens: number;
  model?: string;
  ignoreEos?: boolean;
  timeoutMs?: number;
}

/** One streamed chat completion, timed as vLLM's bench defines it (all times in ms from the send). */
export interface StreamChatResult {
  status: number;
  ttftMs: number | undefined;
  e2eMs: number;
  /** Gaps between consecutive content chunks. */
  itlMs: number[];
  contentChunks: number;
  text: string;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  finishReason: string | undefined;
  /** llama-server's own timings from the final chunk, when it sends them. */
  serverTimings: Record<string, number> | undefined;
}

interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  timings?: Record<string, number>;
}

/** Sends one streaming OpenAI chat completion with usage included and measures TTFT and ITL. */
export async function streamChat(request: StreamChatRequest): Promise<StreamChatResult> {
  const body = {
    model: request.model ?? 'default',
    messages: [{ role: 'user', content: request.prompt }],
    max_tokens: request.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.ignoreEos ? { ignore_eos: true } : {}),
  };
  const start = performance.now();
  const response = await fetch(`${request.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(request.timeoutMs ?? 120_000),
  });
  const result: StreamChatResult = {
    status: response.status,
    ttftMs: undefined,
    e2eMs: 0,
    itlMs: [],
    contentChunks: 0,
    text: '',
    promptTokens: undefined,
    completionTokens: undefined,
    finishReason: undefined,
    serverTimings: undefined,
  };
  if (!response.ok || !response.body) {
    result.text = await response.text();
    result.e2eMs = performance.now() - start;
    return result;
  }
  const events: SseEvent[] = [];
  const parser = new SseLineParser({
    stopped: false,
    onSseEvent: (event) => events.push(event),
    // llama-server speaks plain SSE: a line the parser does not know is not a chunk to time.
    onSseError: () => undefined,
  });
  let lastChunkAt = 0;
  for await (const bytes of response.body) {
    const now = performance.now();
    parser.push(Buffer.from(bytes));
    for (const event of events.splice(0)) {
      if (event.data === '[DONE]') continue;
      const chunk = JSON.parse(event.data) as ChatChunk;
      const choice = chunk.choices?.[0];
      const content = choice?.delta?.content;
      if (content) {
        if (result.ttftMs === undefined) result.ttftMs = now - start;
        else result.itlMs.push(now - lastChunkAt);
        lastChunkAt = now;
        result.contentChunks += 1;
        result.text += content;
      }
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      if (chunk.usage) {
        result.promptTokens = chunk.usage.prompt_tokens;
        result.completionTokens = chunk.usage.completion_tokens;
      }
      if (chunk.timings) result.serverTimings = chunk.timings;
    }
  }
  result.e2eMs = performance.now() - start;
  return result;
}

// OpenAI chat completions: llama-server, vLLM, Ollama's /v1 and any compatible endpoint.
import { tryParseJson } from '../lib/parse-json.ts';
import { readLlamaTimings, type ApiAdapter, type LlamaTimings, type Usage } from './adapter.ts';

interface ChatChunk {
  choices?: {
    delta?: { content?: string | null; reasoning_content?: string | null };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  timings?: LlamaTimings;
}

interface ChatResponse {
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  timings?: LlamaTimings;
}

function readUsage(u: ChatChunk['usage'], usage: Usage): void {
  if (!u) return;
  if (typeof u.prompt_tokens === 'number') usage.promptTokens = u.prompt_tokens;
  if (typeof u.completion_tokens === 'number') usage.outputTokens = u.completion_tokens;
}

export const openaiChat: ApiAdapter = {
  name: 'openai',
  canStream: true,
  path: () => '/v1/chat/completions',
  body: (prompt, env, stream) => ({
    model: env.model,
    messages: [{ role: 'user', content: prompt.text }],
    max_tokens: env.maxTokens,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    ...(env.ignoreEos ? { ignore_eos: true } : {}),
  }),
  readChunk(data, usage) {
    if (data === '[DONE]') return 'done';
    const chunk = tryParseJson<ChatChunk>(data);
    if (!chunk || typeof chunk !== 'object') return 'malformed';
    readUsage(chunk.usage, usage);
    readLlamaTimings(chunk.timings, usage);
    const choice = chunk.choices?.[0];
    if (choice?.finish_reason) usage.finishReason = choice.finish_reason;
    const delta = choice?.delta;
    return delta && (delta.content || delta.reasoning_content) ? 'content' : 'other';
  },
  readResponse(body, usage) {
    const response = tryParseJson<ChatResponse>(body);
    if (!response || !Array.isArray(response.choices)) return false;
    readUsage(response.usage, usage);
    readLlamaTimings(response.timings, usage);
    const finish = response.choices[0]?.finish_reason;
    if (finish) usage.finishReason = finish;
    return true;
  },
};

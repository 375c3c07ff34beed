// Ollama's native /api/chat, not streamed: k6/x/sse cannot read NDJSON, so streaming goes through API=openai.
import { tryParseJson } from '../lib/parse-json.ts';
import type { ApiAdapter } from './adapter.ts';

interface OllamaResponse {
  message?: { content?: string };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export const ollamaChat: ApiAdapter = {
  name: 'ollama',
  canStream: false,
  path: () => '/api/chat',
  body: (prompt, env) => ({
    model: env.model,
    messages: [{ role: 'user', content: prompt.text }],
    stream: false,
    options: { num_predict: env.maxTokens },
  }),
  readChunk: () => 'malformed',
  readResponse(body, usage) {
    const r = tryParseJson<OllamaResponse>(body);
    if (!r || r.done !== true) return false;
    if (typeof r.prompt_eval_count === 'number') usage.promptTokens = r.prompt_eval_count;
    if (typeof r.eval_count === 'number') usage.outputTokens = r.eval_count;
    if (r.done_reason) usage.finishReason = r.done_reason;
    // Ollama reports durations in nanoseconds.
    if (typeof r.prompt_eval_duration === 'number') usage.serverPromptMs = r.prompt_eval_duration / 1e6;
    if (typeof r.eval_duration === 'number' && r.eval_count)
      usage.serverTpotMs = r.eval_duration / 1e6 / r.eval_count;
    return true;
  },
};

// llama.cpp's native /completion: token counts and timings come from the final chunk.
import { tryParseJson } from '../lib/parse-json.ts';
import { readLlamaTimings, type ApiAdapter, type LlamaTimings, type Usage } from './adapter.ts';

interface CompletionChunk {
  content?: string;
  stop?: boolean;
  stop_type?: string;
  tokens_predicted?: number;
  tokens_evaluated?: number;
  timings?: LlamaTimings;
}

function readFinal(chunk: CompletionChunk, usage: Usage): void {
  if (typeof chunk.tokens_evaluated === 'number') usage.promptTokens = chunk.tokens_evaluated;
  if (typeof chunk.tokens_predicted === 'number') usage.outputTokens = chunk.tokens_predicted;
  if (chunk.stop_type) usage.finishReason = chunk.stop_type === 'limit' ? 'length' : 'stop';
  readLlamaTimings(chunk.timings, usage);
}

export const llamacppCompletion: ApiAdapter = {
  name: 'llamacpp',
  canStream: true,
  path: () => '/completion',
  body: (prompt, env, stream) => ({
    prompt: prompt.text,
    n_predict: env.maxTokens,
    stream,
    cache_prompt: true,
    ...(env.ignoreEos ? { ignore_eos: true } : {}),
  }),
  readChunk(data, usage) {
    const chunk = tryParseJson<CompletionChunk>(data);
    if (!chunk || typeof chunk !== 'object') return 'malformed';
    if (chunk.stop) {
      readFinal(chunk, usage);
      return chunk.content ? 'content' : 'done';
    }
    return chunk.content ? 'content' : 'other';
  },
  readResponse(body, usage) {
    const response = tryParseJson<CompletionChunk>(body);
    if (!response || typeof response.content !== 'string') return false;
    readFinal(response, usage);
    return true;
  },
};

// OpenAI-compatible wire format as llama-server writes it: chat.completion(.chunk) and text_completion.
import type { GenerationResult, WireFormat } from './generation.ts';

export interface OpenAiMeta {
  readonly kind: 'chat' | 'text';
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly fingerprint: string;
  readonly includeUsage: boolean;
  /** Ollama-style load_duration (ms) to report in the body; only set when the model can unload. */
  readonly loadMs?: number | undefined;
}

function describeUsage(result: GenerationResult): Record<string, unknown> {
  return {
    completion_tokens: result.completionTokens,
    prompt_tokens: result.promptTokens,
    total_tokens: result.promptTokens + result.completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

/** Builds the format; each token chunk is one prebuilt prefix and suffix around the JSON-quoted text. */
export function createOpenAiFormat(meta: OpenAiMeta): WireFormat {
  const chat = meta.kind === 'chat';
  const object = chat ? 'chat.completion' : 'text_completion';
  const envelope = {
    created: meta.created,
    id: meta.id,
    model: meta.model,
    system_fingerprint: meta.fingerprint,
  };
  const chunkTail = `${JSON.stringify({ ...envelope, object: chat ? `${object}.chunk` : object }).slice(1)}\n\n`;
  const tokenHead = chat
    ? 'data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":'
    : 'data: {"choices":[{"text":';
  const tokenTail = chat
    ? `}}],${chunkTail}`
    : `,"index":0,"logprobs":null,"finish_reason":null}],${chunkTail}`;
  const roleChunk = `data: {"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],${chunkTail}`;

  const chunk = (fields: Record<string, unknown>): string =>
    `data: ${JSON.stringify({ ...fields, ...envelope, object: chat ? `${object}.chunk` : object })}\n\n`;
  const finishChoice = (reason: string): Record<string, unknown> =>
    chat
      ? { finish_reason: reason, index: 0, delta: {} }
      : { text: '', index: 0, logprobs: null, finish_reason: reason };

  return {
    streamContentType: 'text/event-stream',
    formatToken: (text, index) =>
      `${index === 0 && chat ? roleChunk : ''}${tokenHead}${JSON.stringify(text)}${tokenTail}`,
    formatMalformed: () => `${tokenHead}"\n\n`,
    formatStreamEnd(result) {
      const finish = chunk({ choices: [finishChoice(result.finishReason)], timings: result.timings });
      const usage = meta.includeUsage
        ? chunk({ choices: [], usage: describeUsage(result), timings: result.timings })
        : '';
      return `${finish}${usage}data: [DONE]\n\n`;
    },
    formatBody: (result) => ({
      choices: [
        chat
          ? {
              finish_reason: result.finishReason,
              index: 0,
              message: { role: 'assistant', content: result.content },
            }
          : { text: result.content, index: 0, logprobs: null, finish_reason: result.finishReason },
      ],
      ...envelope,
      object,
      usage: describeUsage(result),
      timings: result.timings,
      ...(meta.loadMs === undefined ? {} : { load_duration: Math.round(meta.loadMs * 1e6) }),
    }),
  };
}

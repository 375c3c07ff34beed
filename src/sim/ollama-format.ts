// Ollama's NDJSON wire format for /api/chat and /api/generate; durations in nanoseconds.
import type { GenerationResult, WireFormat } from './generation.ts';
import { isoNow } from './http-io.ts';

export interface OllamaMeta {
  readonly kind: 'chat' | 'generate';
  readonly model: string;
  /** How long the request waited for the model to load. */
  readonly loadMs: number;
}

const toNs = (ms: number): number => Math.round(ms * 1e6);

/** Stand-in token ids for /api/generate's `context`, one per prompt and answer token. */
function describeContext(length: number): number[] {
  return Array.from({ length }, (_, i) => 1 + ((i * 7919) % 32000));
}

export function createOllamaFormat(meta: OllamaMeta): WireFormat {
  const chat = meta.kind === 'chat';
  const head = `{"model":${JSON.stringify(meta.model)},"created_at":"`;
  const field = chat ? '","message":{"role":"assistant","content":' : '","response":';
  const tail = chat ? '},"done":false}\n' : ',"done":false}\n';

  const describe = (result: GenerationResult): Record<string, unknown> => ({
    model: meta.model,
    created_at: isoNow(),
    ...(chat ? { message: { role: 'assistant', content: result.content } } : { response: result.content }),
    done: true,
    done_reason: result.finishReason,
    ...(chat ? {} : { context: describeContext(result.promptTokens + result.completionTokens) }),
    total_duration: toNs(result.totalMs),
    load_duration: toNs(meta.loadMs),
    prompt_eval_count: result.promptTokens,
    prompt_eval_duration: toNs(result.timings.prompt_ms),
    eval_count: result.completionTokens,
    eval_duration: toNs(result.timings.predicted_ms),
  });

  return {
    streamContentType: 'application/x-ndjson',
    formatToken: (text) => `${head}${isoNow()}${field}${JSON.stringify(text)}${tail}`,
    formatMalformed: () => `${head}${isoNow()}${field}"\n`,
    formatStreamEnd: (result) => `${JSON.stringify(describe(result))}\n`,
    formatBody: describe,
  };
}

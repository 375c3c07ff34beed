import type { ProfileEnv } from '../lib/env.ts';
import type { Prompt } from '../lib/prompts.ts';

/** What the responses of one request told us, filled in chunk by chunk. */
export interface Usage {
  promptTokens?: number;
  outputTokens?: number;
  finishReason?: string;
  serverPromptMs?: number;
  serverTpotMs?: number;
}

/** One chunk's meaning: content (counts for TTFT/ITL), other (role, usage), done, or malformed. */
export type ChunkKind = 'content' | 'other' | 'done' | 'malformed';

/** How one API is spoken: the request, and how to read its streamed chunks and whole responses. */
export interface ApiAdapter {
  name: string;
  canStream: boolean;
  path(env: ProfileEnv): string;
  body(prompt: Prompt, env: ProfileEnv, stream: boolean): Record<string, unknown>;
  readChunk(data: string, usage: Usage): ChunkKind;
  /** Reads a non-streamed response body; false when it is not what the API answers. */
  readResponse(body: string, usage: Usage): boolean;
}

/** llama.cpp's `timings` object, found on its OpenAI-style and native responses alike. */
export interface LlamaTimings {
  prompt_n?: number;
  prompt_ms?: number;
  predicted_n?: number;
  predicted_ms?: number;
  predicted_per_token_ms?: number;
}

export function readLlamaTimings(timings: LlamaTimings | undefined, usage: Usage): void {
  if (!timings) return;
  if (timings.prompt_ms !== undefined) usage.serverPromptMs = timings.prompt_ms;
  if (timings.predicted_per_token_ms !== undefined) usage.serverTpotMs = timings.predicted_per_token_ms;
}

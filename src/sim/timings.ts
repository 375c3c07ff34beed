// llama-server's `timings` object, computed from what the scheduler measured.
import type { JobTimings } from './scheduler.ts';

export interface LlamaTimings {
  cache_n: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_token_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  predicted_ms: number;
  predicted_per_token_ms: number;
  predicted_per_second: number;
}

/** The simulator keeps no prompt cache, so cache_n is always 0. */
export function toLlamaTimings(t: JobTimings): LlamaTimings {
  return {
    cache_n: 0,
    prompt_n: t.promptN,
    prompt_ms: t.promptMs,
    prompt_per_token_ms: t.promptN > 0 ? t.promptMs / t.promptN : 0,
    prompt_per_second: t.promptMs > 0 ? (1e3 / t.promptMs) * t.promptN : 0,
    predicted_n: t.predictedN,
    predicted_ms: t.predictedMs,
    predicted_per_token_ms: t.predictedN > 0 ? t.predictedMs / t.predictedN : 0,
    predicted_per_second: t.predictedMs > 0 ? (1e3 / t.predictedMs) * t.predictedN : 0,
  };
}

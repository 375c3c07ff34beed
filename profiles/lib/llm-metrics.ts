// The LLM metrics every workload records, with stable names (definitions follow vLLM's bench: docs/metrics.md).
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { ErrorKind, LlmResult } from './llm-result.ts';

const ttft = new Trend('llm_ttft', true);
const itl = new Trend('llm_itl', true);
const tpot = new Trend('llm_tpot', true);
const e2e = new Trend('llm_e2e', true);
const promptTokens = new Trend('llm_prompt_tokens');
const outputTokens = new Trend('llm_output_tokens');
const promptTokensTotal = new Counter('llm_prompt_tokens_total');
const outputTokensTotal = new Counter('llm_output_tokens_total');
const outputTps = new Trend('llm_output_tps');
const errors = new Rate('llm_errors');
const truncated = new Rate('llm_truncated');
const missingUsage = new Counter('llm_missing_usage');
// The server's own timings, kept apart from client-side measurements (the .http.js variant has only these).
const serverPromptMs = new Trend('llm_server_prompt_ms', true);
const serverDecodeMsPerToken = new Trend('llm_server_tpot', true);

// The first failures of each kind carry their message, so a run keeps what went wrong at a bounded cost.
const MESSAGES_PER_KIND = 3;
const MESSAGE_CHARS = 300;
/** Messages attached so far, per kind (module state is per VU: each VU has its own runtime). */
const messagesByKind: Partial<Record<ErrorKind, number>> = {};

/** One llm_errors failure, its message as sample metadata `error` (non-indexed: no new time series). */
function recordFailure(kind: ErrorKind, message: string | undefined, tags: Record<string, string>): void {
  const failureTags = { ...tags, error_kind: kind };
  const attached = messagesByKind[kind] ?? 0;
  if (message === undefined || attached >= MESSAGES_PER_KIND) {
    errors.add(1, failureTags);
    return;
  }
  messagesByKind[kind] = attached + 1;
  const metadata = exec.vu.metrics.metadata;
  metadata['error'] = message.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_CHARS);
  try {
    errors.add(1, failureTags);
  } finally {
    delete metadata['error'];
  }
}

/** Records one finished request; failed ones count only in llm_errors (tagged with their kind). */
export function recordLlmResult(result: LlmResult, tags: Record<string, string> = {}): void {
  if (result.errorKind) {
    recordFailure(result.errorKind, result.errorMessage, tags);
    return;
  }
  errors.add(0, tags);
  e2e.add(result.e2eMs, tags);
  if (result.ttftMs !== undefined) ttft.add(result.ttftMs, tags);
  for (const gap of result.itlMs) itl.add(gap, tags);
  if (result.promptTokens !== undefined) {
    promptTokens.add(result.promptTokens, tags);
    promptTokensTotal.add(result.promptTokens, tags);
  }
  if (result.outputTokens !== undefined) {
    outputTokens.add(result.outputTokens, tags);
    outputTokensTotal.add(result.outputTokens, tags);
    if (result.ttftMs !== undefined && result.outputTokens > 1) {
      const perToken = (result.e2eMs - result.ttftMs) / (result.outputTokens - 1);
      tpot.add(perToken, tags);
      if (perToken > 0) outputTps.add(1000 / perToken, tags);
    }
  }
  if (result.promptTokens === undefined || result.outputTokens === undefined) missingUsage.add(1, tags);
  truncated.add(result.finishReason === 'length' && !result.lengthIntended ? 1 : 0, tags);
  if (result.serverPromptMs !== undefined) serverPromptMs.add(result.serverPromptMs, tags);
  if (result.serverTpotMs !== undefined) serverDecodeMsPerToken.add(result.serverTpotMs, tags);
}

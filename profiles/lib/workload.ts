// The one workload every profile runs: pick the API, pick a prompt, send, record the LLM metrics.
import exec from 'k6/execution';
import { sleep } from 'k6';
import { readProfileEnv, type ProfileEnv } from './env.ts';
import { loadPrompts, type Prompt } from './prompts.ts';
import { recordLlmResult } from './llm-metrics.ts';
import { sendBlocking, sendStreaming } from './send.ts';
import type { ApiAdapter } from '../workloads/adapter.ts';
import { openaiChat } from '../workloads/openai-chat.ts';
import { llamacppCompletion } from '../workloads/llamacpp-completion.ts';
import { ollamaChat } from '../workloads/ollama-chat.ts';
import { TargetWatchdog } from './watchdog.ts';

const ADAPTERS: Record<ProfileEnv['api'], ApiAdapter> = {
  openai: openaiChat,
  llamacpp: llamacppCompletion,
  ollama: ollamaChat,
};

const httpOnly = typeof __INFERLOAD_HTTP_ONLY__ !== 'undefined' && __INFERLOAD_HTTP_ONLY__;

export const env: ProfileEnv = readProfileEnv(__ENV, httpOnly);
const adapter = ADAPTERS[env.api];
if (env.stream && !adapter.canStream) {
  throw new Error(
    `STREAM=true with API=${env.api}: its native API streams NDJSON, which k6/x/sse cannot read; ` +
      `use API=openai against its OpenAI-compatible endpoint, or STREAM=false`,
  );
}
const prompts: Prompt[] = loadPrompts(env.prompts);
const watchdog = new TargetWatchdog(env.watchdogSeconds, env.watchdogGraceSeconds);

/**
 * One iteration: one request, with the prompt chosen round-robin over the whole test. Its LLM samples carry a
 * request_id as metadata (k6's non-indexed tags: no new time series), so reports can join one request's TTFT,
 * TPOT and end-to-end latency for goodput.
 */
export async function runLlmRequest(): Promise<void> {
  const prompt = prompts[exec.scenario.iterationInTest % prompts.length] as Prompt;
  const tags = { api: adapter.name };
  const sentAt = Date.now();
  const result = env.stream
    ? await sendStreaming(adapter, env, prompt, tags)
    : await sendBlocking(adapter, env, prompt, tags);
  const metadata = exec.vu.metrics.metadata;
  metadata['request_id'] = `${exec.vu.idInTest}-${exec.vu.iterationInInstance}`;
  try {
    recordLlmResult(result, tags);
  } finally {
    delete metadata['request_id'];
  }
  const failure = result.errorKind
    ? { kind: result.errorKind, ...(result.errorMessage ? { message: result.errorMessage } : {}) }
    : undefined;
  const decision = watchdog.observe(sentAt, Date.now(), failure);
  // One VU speaks for all (they share no state): the abort reason below is printed once by the engine anyway.
  if (decision.warn && exec.vu.idInTest === 1) console.warn(decision.warn);
  if (decision.abort) exec.test.abort(decision.abort);
  if (decision.backoffSeconds > 0) await sleep(decision.backoffSeconds);
}

// OpenAI-compatible endpoints of llama-server: /v1/chat/completions, /v1/completions, /v1/models.
import { SIM_BUILD_INFO, type SimContext } from './context.ts';
import { runGeneration, type GenerationRequest } from './generation.ts';
import { RequestError, sendJson } from './http-io.ts';
import { findModel } from './model-names.ts';
import { createOpenAiFormat } from './openai-format.ts';
import {
  asObject,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  readMessages,
  readPrompt,
  type JsonObject,
} from './request-fields.ts';
import type { Route, RouteCall } from './route.ts';
import { countChatTokens, countCompletionTokens } from './tokens.ts';

function runOpenAi(
  call: RouteCall,
  kind: 'chat' | 'text',
  request: JsonObject,
  promptText: string,
  tokens: number,
): void {
  const { ctx, res, fault, arrivedAt } = call;
  const model = checkModel(ctx, optionalString(request, 'model'));
  const stream = optionalBoolean(request, 'stream') ?? false;
  const streamOptions = optionalObject(request, 'stream_options');
  const generation: GenerationRequest = {
    arrivedAt,
    stream,
    promptText,
    promptTokens: tokens,
    maxTokens: optionalNumber(request, 'max_completion_tokens') ?? optionalNumber(request, 'max_tokens'),
    ignoreEos: optionalBoolean(request, 'ignore_eos') ?? false,
  };
  const format = createOpenAiFormat({
    kind,
    id: `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-sim${ctx.counters.requests}`,
    created: Math.floor(Date.now() / 1000),
    model,
    fingerprint: SIM_BUILD_INFO,
    includeUsage:
      stream && streamOptions !== undefined && optionalBoolean(streamOptions, 'include_usage') === true,
    loadMs: ctx.options.unloadAfterIdleMs > 0 ? call.loadWaitedMs : undefined,
  });
  runGeneration(ctx, res, generation, fault, format, 'llama');
}

/** vLLM and Ollama answer only for the models they serve (vLLM takes a request without one); llama.cpp for any. */
function checkModel(ctx: SimContext, requested: string | undefined): string {
  const { persona, modelName } = ctx.options;
  if (persona === 'llamacpp') return requested ?? modelName;
  if (requested === undefined && persona === 'vllm') return modelName;
  const found = requested === undefined ? undefined : findModel(ctx.models, requested);
  if (found !== undefined) return requested ?? found;
  if (persona === 'vllm')
    throw new RequestError(404, `The model \`${requested ?? ''}\` does not exist.`, 'NotFoundError');
  throw new RequestError(404, `model "${requested ?? ''}" not found, try pulling it first`, 'api_error');
}

function handleChat(call: RouteCall): void {
  const request = asObject(call.body);
  const messages = readMessages(request);
  const promptText = messages.map((m) => `${m.role}: ${m.content}`).join('\n');
  runOpenAi(call, 'chat', request, promptText, countChatTokens(messages.map((m) => m.content)));
}

function handleText(call: RouteCall): void {
  const request = asObject(call.body);
  const prompt = readPrompt(request, 'prompt');
  runOpenAi(call, 'text', request, prompt.text, prompt.tokens ?? countCompletionTokens(prompt.text));
}

/** /v1/models as each server writes it: llama.cpp with `meta`, vLLM with root and max_model_len, Ollama plain. */
function describeModels(ctx: SimContext): Record<string, unknown> {
  const { options } = ctx;
  const created = ctx.startedAtSec;
  if (options.persona === 'vllm') {
    const data = [...ctx.models].map((id) => ({
      id,
      object: 'model',
      created,
      owned_by: 'vllm',
      root: options.modelName,
      parent: null,
      max_model_len: options.nCtx,
    }));
    return { object: 'list', data };
  }
  if (options.persona === 'ollama') {
    const data = [...ctx.models].map((id) => ({ id, object: 'model', created, owned_by: 'library' }));
    return { object: 'list', data };
  }
  const meta = { n_ctx_train: options.nCtx, n_vocab: 32000, n_params: 1_100_000_000, size: 700_000_000 };
  return {
    object: 'list',
    data: [{ id: options.modelName, object: 'model', created, owned_by: 'llamacpp', meta }],
  };
}

export const openAiRoutes: readonly Route[] = [
  {
    method: 'POST',
    paths: ['/v1/chat/completions', '/chat/completions'],
    style: 'llama',
    generates: true,
    servesWhileLoading: false,
    handle: handleChat,
  },
  {
    method: 'POST',
    paths: ['/v1/completions'],
    style: 'llama',
    generates: true,
    servesWhileLoading: false,
    handle: handleText,
  },
  {
    method: 'GET',
    paths: ['/v1/models', '/models'],
    style: 'llama',
    generates: false,
    servesWhileLoading: false,
    handle: ({ ctx, res }) => sendJson(res, 200, describeModels(ctx)),
  },
];

// OpenAI-compatible endpoints of llama-server: /v1/chat/completions, /v1/completions, /v1/models.
import { SIM_BUILD_INFO, type SimContext } from './context.ts';
import { runGeneration, type GenerationRequest } from './generation.ts';
import { sendJson } from './http-io.ts';
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
    model: optionalString(request, 'model') ?? ctx.options.modelName,
    fingerprint: SIM_BUILD_INFO,
    includeUsage:
      stream && streamOptions !== undefined && optionalBoolean(streamOptions, 'include_usage') === true,
    loadMs: ctx.options.unloadAfterIdleMs > 0 ? call.loadWaitedMs : undefined,
  });
  runGeneration(ctx, res, generation, fault, format, 'llama');
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

function describeModels(ctx: SimContext): Record<string, unknown> {
  const { options } = ctx;
  const meta = { n_ctx_train: options.nCtx, n_vocab: 32000, n_params: 1_100_000_000, size: 700_000_000 };
  return {
    object: 'list',
    data: [{ id: options.modelName, object: 'model', created: ctx.startedAtSec, owned_by: 'llamacpp', meta }],
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

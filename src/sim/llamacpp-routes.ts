// llama-server's own endpoints: /health, /metrics, /slots, /props and the native /completion.
import { loadRemainingMs, SIM_BUILD_INFO, type SimContext } from './context.ts';
import { runGeneration, type GenerationResult, type WireFormat } from './generation.ts';
import { sendError, sendJson, sendText } from './http-io.ts';
import { asObject, optionalBoolean, optionalNumber, readPrompt } from './request-fields.ts';
import type { Route, RouteCall } from './route.ts';
import type { SlotView } from './scheduler.ts';
import { countCompletionTokens } from './tokens.ts';

const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const CHAT_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The sampling parameters /slots and /props show; fixed, since the simulator does not sample. */
function describeParams(ctx: SimContext, nPredict: number): Record<string, unknown> {
  return {
    n_predict: nPredict,
    seed: ctx.options.seed,
    temperature: 0.8,
    top_k: 40,
    top_p: 0.95,
    min_p: 0.05,
  };
}

function describeSlot(ctx: SimContext, slot: SlotView): Record<string, unknown> {
  return {
    id: slot.id,
    id_task: slot.taskId,
    n_ctx: ctx.options.nCtx,
    speculative: false,
    is_processing: slot.isProcessing,
    params: describeParams(ctx, slot.limit),
    next_token: {
      has_next_token: slot.isProcessing,
      has_new_line: false,
      n_remain: slot.isProcessing ? slot.limit - slot.decoded : -1,
      n_decoded: slot.decoded,
    },
  };
}

function handleSlots({ ctx, res, url }: RouteCall): void {
  const slots = ctx.scheduler.viewSlots();
  if (url.searchParams.get('fail_on_no_slot') === '1' && slots.every((s) => s.isProcessing)) {
    return sendError(res, 'llama', 503, 'no slot available');
  }
  sendJson(
    res,
    200,
    slots.map((slot) => describeSlot(ctx, slot)),
  );
}

function handleProps({ ctx, res }: RouteCall): void {
  const { options } = ctx;
  sendJson(res, 200, {
    default_generation_settings: {
      n_ctx: options.nCtx,
      params: describeParams(ctx, options.maxTokensDefault),
    },
    total_slots: options.slots,
    model_path: `/models/${options.modelName}.gguf`,
    chat_template: CHAT_TEMPLATE,
    modalities: { vision: false, audio: false },
    build_info: SIM_BUILD_INFO,
    is_sleeping: false,
  });
}

function createNativeFormat(ctx: SimContext, promptTokens: number): WireFormat {
  const tail = `,"tokens":[],"stop":false,"id_slot":-1,"tokens_evaluated":${promptTokens},"tokens_predicted":`;
  const describe = (result: GenerationResult): Record<string, unknown> => ({
    index: 0,
    content: result.content,
    tokens: [],
    id_slot: result.slotId,
    stop: true,
    model: ctx.options.modelName,
    tokens_predicted: result.completionTokens,
    tokens_evaluated: result.promptTokens,
    generation_settings: describeParams(ctx, result.limit),
    has_new_line: false,
    truncated: false,
    stop_type: result.finishReason === 'stop' ? 'eos' : 'limit',
    stopping_word: '',
    tokens_cached: result.promptTokens + result.completionTokens,
    timings: result.timings,
  });
  return {
    streamContentType: 'text/event-stream',
    formatToken: (text, index) =>
      `data: {"index":0,"content":${JSON.stringify(text)}${tail}${index + 1}}\n\n`,
    formatMalformed: () => 'data: {"index":0,"content":"\n\n',
    formatStreamEnd: (result) => `data: ${JSON.stringify(describe(result))}\n\n`,
    formatBody: describe,
  };
}

function handleCompletion({ ctx, res, body, fault, arrivedAt }: RouteCall): void {
  const request = asObject(body);
  const prompt = readPrompt(request, 'prompt');
  const promptTokens = prompt.tokens ?? countCompletionTokens(prompt.text);
  const generation = {
    arrivedAt,
    stream: optionalBoolean(request, 'stream') ?? false,
    promptText: prompt.text,
    promptTokens,
    maxTokens: optionalNumber(request, 'n_predict'),
    ignoreEos: optionalBoolean(request, 'ignore_eos') ?? false,
  };
  runGeneration(ctx, res, generation, fault, createNativeFormat(ctx, promptTokens), 'llama');
}

export const llamacppRoutes: readonly Route[] = [
  {
    method: 'GET',
    paths: ['/health', '/v1/health'],
    style: 'llama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ ctx, res }) =>
      loadRemainingMs(ctx) > 0
        ? sendError(res, 'llama', 503, 'Loading model')
        : sendJson(res, 200, { status: 'ok' }),
  },
  {
    method: 'GET',
    paths: ['/metrics'],
    style: 'llama',
    generates: false,
    servesWhileLoading: false,
    handle: ({ ctx, res }) => {
      const { processing, deferred } = ctx.scheduler;
      sendText(res, 200, PROMETHEUS_CONTENT_TYPE, ctx.metrics.renderPrometheus({ processing, deferred }));
    },
  },
  {
    method: 'GET',
    paths: ['/slots'],
    style: 'llama',
    generates: false,
    servesWhileLoading: false,
    handle: handleSlots,
  },
  {
    method: 'GET',
    paths: ['/props'],
    style: 'llama',
    generates: false,
    servesWhileLoading: false,
    handle: handleProps,
  },
  {
    method: 'POST',
    paths: ['/completion', '/completions'],
    style: 'llama',
    generates: true,
    servesWhileLoading: false,
    handle: handleCompletion,
  },
];

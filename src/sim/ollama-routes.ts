// Ollama's endpoints: /api/chat and /api/generate (NDJSON by default), /api/ps, /api/tags, /api/version.
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { loadRemainingMs, type SimContext } from './context.ts';
import { findModel, withDefaultTag } from './model-names.ts';
import { computeUnloadAt, isModelLoaded } from './wear.ts';
import { runGeneration } from './generation.ts';
import { isoNow, RequestError, sendJson } from './http-io.ts';
import { createOllamaFormat } from './ollama-format.ts';
import {
  asObject,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  readMessages,
} from './request-fields.ts';
import type { Route, RouteCall } from './route.ts';
import { countChatTokens, countCompletionTokens } from './tokens.ts';

const KEEP_ALIVE_MS = 5 * 60_000;
const MODEL_SIZE = 700_000_000;
/** Ollama's "forever": time.Duration(math.MaxInt64), about 292 years. */
const FOREVER_MS = 292 * 365.25 * 86_400_000;

function describeModel(model: string): Record<string, unknown> {
  const name = withDefaultTag(model);
  return {
    name,
    model: name,
    size: MODEL_SIZE,
    digest: createHash('sha256').update(name).digest('hex'),
    details: {
      parent_model: '',
      format: 'gguf',
      family: 'llama',
      families: ['llama'],
      parameter_size: '1.1B',
      quantization_level: 'Q4_K_M',
    },
  };
}

/** Ollama loads the model on demand, so a request during loading waits and reports load_duration. */
async function handleGeneration(call: RouteCall, kind: 'chat' | 'generate'): Promise<void> {
  const { ctx, res, fault, arrivedAt } = call;
  const request = asObject(call.body);
  const model = optionalString(request, 'model');
  if (!model) throw new RequestError(400, 'model is required');
  if (ctx.options.persona === 'ollama') {
    if (findModel(ctx.models, model) === undefined)
      throw new RequestError(404, `model "${model}" not found, try pulling it first`);
    ctx.loadedModel = model;
  }
  const messages = kind === 'chat' ? readMessages(request) : [];
  const prompt = kind === 'generate' ? (optionalString(request, 'prompt') ?? '') : '';
  const startupMs = loadRemainingMs(ctx);
  if (startupMs > 0) await delay(startupMs, undefined, { signal: ctx.shutdown.signal });
  const loadMs = startupMs + call.loadWaitedMs;
  if (kind === 'chat' ? messages.length === 0 : prompt === '') {
    const empty = kind === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' };
    return sendJson(res, 200, { model, created_at: isoNow(), ...empty, done: true, done_reason: 'load' });
  }
  const options = optionalObject(request, 'options') ?? {};
  const promptText = kind === 'chat' ? messages.map((m) => `${m.role}: ${m.content}`).join('\n') : prompt;
  const generation = {
    arrivedAt,
    stream: optionalBoolean(request, 'stream') ?? true,
    promptText,
    promptTokens:
      kind === 'chat' ? countChatTokens(messages.map((m) => m.content)) : countCompletionTokens(prompt),
    maxTokens: optionalNumber(options, 'num_predict'),
    ignoreEos: false,
  };
  runGeneration(ctx, res, generation, fault, createOllamaFormat({ kind, model, loadMs }), 'ollama');
}

/** Milliseconds until the loaded model unloads: the keep-alive after the last request, forever when negative. */
function computeExpiresInMs(ctx: SimContext, now: number): number {
  const { options, wear } = ctx;
  if (options.unloadAfterIdleMs === 0) return options.persona === 'ollama' ? FOREVER_MS : KEEP_ALIVE_MS;
  const unloadAt = computeUnloadAt(wear, options);
  return unloadAt === Infinity ? options.unloadAfterIdleMs : unloadAt - now;
}

export const ollamaRoutes: readonly Route[] = [
  {
    method: 'POST',
    paths: ['/api/chat'],
    style: 'ollama',
    generates: true,
    servesWhileLoading: true,
    handle: (call) => handleGeneration(call, 'chat'),
  },
  {
    method: 'POST',
    paths: ['/api/generate'],
    style: 'ollama',
    generates: true,
    servesWhileLoading: true,
    handle: (call) => handleGeneration(call, 'generate'),
  },
  {
    method: 'GET',
    paths: ['/api/ps'],
    style: 'ollama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ ctx, res }) => {
      const now = ctx.clock.now();
      const loaded = loadRemainingMs(ctx) === 0 && isModelLoaded(ctx.wear, ctx.options, now);
      const expiresAt = new Date(Date.now() + computeExpiresInMs(ctx, now)).toISOString();
      const models = loaded
        ? [
            {
              ...describeModel(ctx.loadedModel),
              size_vram: 0,
              expires_at: expiresAt,
              context_length: ctx.options.nCtx,
            },
          ]
        : [];
      sendJson(res, 200, { models });
    },
  },
  {
    method: 'GET',
    paths: ['/api/tags'],
    style: 'ollama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ ctx, res }) => {
      const modifiedAt = new Date(ctx.startedAtSec * 1000).toISOString();
      const models = [...ctx.models].map((name) => ({ ...describeModel(name), modified_at: modifiedAt }));
      sendJson(res, 200, { models });
    },
  },
  {
    method: 'GET',
    paths: ['/api/version'],
    style: 'ollama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ res }) => sendJson(res, 200, { version: '0.0.0-sim' }),
  },
];

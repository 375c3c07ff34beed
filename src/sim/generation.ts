// Runs one generation request through the scheduler and writes it in a route's wire format, stream faults included.
import type { ServerResponse } from 'node:http';
import type { SimContext } from './context.ts';
import { resolveTokenPoint, type Fault } from './faults.ts';
import { sendError, sendJson, sendText, type ErrorStyle } from './http-io.ts';
import type { JobTimings } from './scheduler.ts';
import { toLlamaTimings, type LlamaTimings } from './timings.ts';
import { createWordSource } from './tokens.ts';

export interface GenerationRequest {
  /** Clock time the request arrived, for total durations. */
  readonly arrivedAt: number;
  readonly stream: boolean;
  /** The prompt as text; its hash seeds the answer. */
  readonly promptText: string;
  readonly promptTokens: number;
  /** undefined or negative: the server default. */
  readonly maxTokens: number | undefined;
  readonly ignoreEos: boolean;
}

export interface GenerationResult {
  /** The whole answer for non-streaming requests; '' when streamed. */
  readonly content: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly finishReason: 'stop' | 'length';
  readonly slotId: number;
  readonly limit: number;
  readonly timings: LlamaTimings;
  readonly queueMs: number;
  readonly totalMs: number;
}

/** How one API puts tokens and results on the wire. */
export interface WireFormat {
  readonly streamContentType: string;
  formatToken(text: string, index: number): string;
  /** A chunk that is not valid JSON, for the malformed fault. */
  formatMalformed(): string;
  formatStreamEnd(result: GenerationResult): string;
  formatBody(result: GenerationResult): unknown;
}

/** Plans, schedules and streams (or buffers) one answer; replies with an error when the request cannot run. */
export function runGeneration(
  ctx: SimContext,
  res: ServerResponse,
  request: GenerationRequest,
  fault: Fault,
  format: WireFormat,
  style: ErrorStyle,
): void {
  const { options, scheduler, counters } = ctx;
  if (res.destroyed) return;
  if (request.promptTokens >= options.nCtx) {
    const message = `the request exceeds the available context size (${request.promptTokens} prompt tokens, n_ctx ${options.nCtx})`;
    return sendError(res, style, 400, message, 'exceed_context_size_error');
  }
  if (options.maxQueue > 0 && scheduler.deferred >= options.maxQueue) {
    return sendError(res, style, 503, `server busy: ${scheduler.deferred} requests already queued`);
  }
  const plan = ctx.planner.plan(request);
  const nextWord = createWordSource(plan.random);
  const disconnectAt = resolveTokenPoint(fault.disconnectAfter, plan.outputTokens);
  const stallAt = resolveTokenPoint(
    fault.stallAfter ?? (fault.stallMs === undefined ? undefined : 'mid'),
    plan.outputTokens,
  );
  let malformedAt = resolveTokenPoint(fault.malformedAfter, plan.outputTokens);
  const parts: string[] = [];
  let settled = false;
  counters.generations++;

  if (request.stream) {
    res.writeHead(200, { 'content-type': format.streamContentType, 'cache-control': 'no-cache' });
    res.flushHeaders();
  }
  if (disconnectAt === 0) {
    counters.cancelled++;
    res.destroy();
    return;
  }

  const handle = scheduler.submit({
    promptTokens: request.promptTokens,
    outputTokens: plan.outputTokens,
    limit: plan.limit,
    pause: stallAt === undefined ? undefined : { afterTokens: stallAt, ms: fault.stallMs ?? 0 },
    onToken(index) {
      if (res.destroyed) return;
      const text = nextWord(index);
      const disconnect = index + 1 === disconnectAt;
      if (disconnect) abandon(false);
      if (!request.stream) {
        parts.push(text);
        if (disconnect) res.destroy();
        return;
      }
      if (index === malformedAt) {
        res.write(format.formatMalformed());
        malformedAt = undefined;
      }
      // Destroy only once this token reached the socket, so the client sees exactly disconnectAt tokens.
      res.write(format.formatToken(text, index), disconnect ? () => res.destroy() : undefined);
    },
    onFinish(timings) {
      settled = true;
      counters.completed++;
      const result = buildResult(request, plan, timings, parts.join(''), ctx.clock.now());
      ctx.histograms.record({
        queueMs: timings.queueMs,
        prefillMs: timings.promptMs,
        decodeMs: timings.predictedMs,
        e2eMs: result.totalMs,
        promptTokens: result.promptTokens,
        generationTokens: result.completionTokens,
        finishReason: result.finishReason,
      });
      if (request.stream) {
        if (malformedAt !== undefined) res.write(format.formatMalformed());
        res.end(format.formatStreamEnd(result));
      } else if (malformedAt !== undefined) {
        const json = JSON.stringify(format.formatBody(result));
        sendText(res, 200, 'application/json; charset=utf-8', json.slice(0, Math.ceil(json.length / 2)));
      } else {
        sendJson(res, 200, format.formatBody(result));
      }
    },
  });
  // Frees the slot when the client goes away or a disconnect fault fires; counted once either way.
  function abandon(destroy = true): void {
    if (settled) return;
    settled = true;
    counters.cancelled++;
    handle.cancel();
    if (destroy) res.destroy();
  }
  res.on('close', () => abandon());
}

function buildResult(
  request: GenerationRequest,
  plan: { finishReason: 'stop' | 'length'; limit: number },
  timings: JobTimings,
  content: string,
  now: number,
): GenerationResult {
  return {
    content,
    promptTokens: request.promptTokens,
    completionTokens: timings.predictedN,
    finishReason: plan.finishReason,
    slotId: timings.slotId,
    limit: plan.limit,
    timings: toLlamaTimings(timings),
    queueMs: timings.queueMs,
    totalMs: now - request.arrivedAt,
  };
}

// Sends one batch request with undici, retrying only what is safe to retry, and returns its output line.
import { setTimeout as delay } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { BatchRequest } from './batch-input.ts';
import {
  classifyStatus,
  classifyTransportError,
  computeBackoffMs,
  type AttemptFailure,
} from './classify-error.ts';
import type { OutputLine, RequestTiming } from './output-line.ts';

export interface SendSettings {
  readonly baseUrl: string;
  readonly dispatcher: Dispatcher;
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Told about each retry, for the progress line. */
  readonly onRetry?: (failure: AttemptFailure) => void;
}

export interface SendResult {
  readonly line: OutputLine;
  readonly timing: RequestTiming;
}

type Attempt = { status: number; body: unknown; requestId: string } | { failure: AttemptFailure };

async function attemptOnce(settings: SendSettings, req: BatchRequest): Promise<Attempt> {
  try {
    const response = await request(`${settings.baseUrl}${req.url}`, {
      method: 'POST',
      dispatcher: settings.dispatcher,
      headers: { 'content-type': 'application/json', 'x-client-request-id': req.customId },
      body: JSON.stringify(req.body),
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      ...(settings.signal ? { signal: settings.signal } : {}),
    });
    const text = await response.body.text();
    const header = response.headers['retry-after'];
    const retryAfter = Array.isArray(header) ? header[0] : header;
    const requestId = String(response.headers['x-request-id'] ?? '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (response.statusCode < 300)
        return {
          failure: { kind: 'malformed', message: `not JSON: ${text.slice(0, 80)}`, retryable: false },
        };
      body = text;
    }
    if (response.statusCode >= 300) {
      const failure = classifyStatus(response.statusCode, retryAfter);
      if (failure.retryable) return { failure };
    }
    return { status: response.statusCode, body, requestId };
  } catch (error) {
    return { failure: classifyTransportError(error) };
  }
}

/** At most retries + 1 attempts; a final HTTP error keeps its response, a transport failure becomes `error`. */
export async function sendBatchRequest(
  settings: SendSettings,
  req: BatchRequest,
  index: number,
): Promise<SendResult> {
  let attempts = 0;
  for (;;) {
    const start = Date.now();
    const began = performance.now();
    const attempt = await attemptOnce(settings, req);
    attempts++;
    const timing = { custom_id: req.customId, start, ms: performance.now() - began, attempts };
    const base = { id: `batch_req_${index}`, custom_id: req.customId };
    if (!('failure' in attempt)) {
      const response = { status_code: attempt.status, request_id: attempt.requestId, body: attempt.body };
      return { line: { ...base, response, error: null }, timing };
    }
    const { failure } = attempt;
    if (!failure.retryable || attempts > settings.retries || settings.signal?.aborted) {
      return {
        line: { ...base, response: null, error: { code: failure.kind, message: failure.message } },
        timing,
      };
    }
    settings.onRetry?.(failure);
    await delay(
      computeBackoffMs(attempts - 1, failure),
      undefined,
      settings.signal ? { signal: settings.signal } : {},
    ).catch(() => undefined);
  }
}

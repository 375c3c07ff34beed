// Names a failed attempt and decides whether retrying it is safe: only when the server surely did no work.
import { describeTransportError } from '../util/transport-error.ts';

export interface AttemptFailure {
  readonly kind: string;
  readonly message: string;
  readonly retryable: boolean;
  /** Seconds from a 429/503 Retry-After header. */
  readonly retryAfterS?: number | undefined;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Connection refused and reset are retried; a timeout is not (the server may still be working on it). */
export function classifyTransportError(error: unknown): AttemptFailure {
  const { kind, code } = describeTransportError(error);
  const message = (error as { message?: unknown }).message;
  const retryable = kind === 'connect_refused' || kind === 'reset';
  return {
    kind,
    message: `${code ? `${code}: ` : ''}${typeof message === 'string' ? message : String(error)}`,
    retryable,
  };
}

/** 429, 502, 503, 504 are retried; every other status (a 400 above all) is final. */
export function classifyStatus(status: number, retryAfter: string | undefined): AttemptFailure {
  const seconds = retryAfter === undefined ? undefined : Number(retryAfter);
  return {
    kind: `http_${status}`,
    message: `HTTP ${status}`,
    retryable: RETRYABLE_STATUSES.has(status),
    retryAfterS: seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
  };
}

/** Exponential backoff from 250 ms, doubling to 8 s, with ±20% jitter; Retry-After wins up to 30 s. */
export function computeBackoffMs(attempt: number, failure: AttemptFailure, random = Math.random): number {
  if (failure.retryAfterS !== undefined) return Math.min(30_000, failure.retryAfterS * 1000);
  const base = Math.min(8000, 250 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

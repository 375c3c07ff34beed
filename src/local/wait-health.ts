import { setTimeout as delay } from 'node:timers/promises';
import { httpGet } from '../util/http-get.ts';

export interface HealthWaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Called after every probe with the elapsed time and what the server said. */
  onProbe?: (elapsedMs: number, status: string) => void;
  /** Stops waiting early, e.g. when the server process has exited. */
  abortIf?: () => string | undefined;
}

/** Polls `url` until it answers 200; 503 means "still loading" (llama-server's convention). */
export async function waitForHealth(url: string, options: HealthWaitOptions): Promise<void> {
  const started = Date.now();
  const interval = options.intervalMs ?? 200;
  let last = 'no answer yet';
  for (;;) {
    const reason = options.abortIf?.();
    if (reason) throw new Error(`${url}: ${reason}`);
    try {
      const { status } = await httpGet(url, { timeoutMs: Math.max(interval * 5, 1000) }, false);
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (error) {
      last = describeFetchError(error);
    }
    const elapsed = Date.now() - started;
    options.onProbe?.(elapsed, last);
    if (elapsed >= options.timeoutMs) {
      throw new Error(`${url} not healthy after ${(elapsed / 1000).toFixed(1)} s (last: ${last})`);
    }
    await delay(interval);
  }
}

/** Turns undici's errors (and fetch's nested ones) into one short line (ECONNREFUSED, timeout, ...). */
export function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) return 'timeout';
    if (typeof code === 'string') return code;
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code);
    if (cause instanceof Error) return cause.message;
    if (error.name === 'TimeoutError') return 'timeout';
    return error.message;
  }
  return String(error);
}

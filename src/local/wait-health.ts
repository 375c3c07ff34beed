import { setTimeout as delay } from 'node:timers/promises';
import { httpGet } from '../util/http-get.ts';
import { describeTransportError } from '../util/transport-error.ts';

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
      const { kind, code, message } = describeTransportError(error);
      last = kind === 'timeout' ? 'timeout' : code || message;
    }
    const elapsed = Date.now() - started;
    options.onProbe?.(elapsed, last);
    if (elapsed >= options.timeoutMs) {
      throw new Error(`${url} not healthy after ${(elapsed / 1000).toFixed(1)} s (last: ${last})`);
    }
    await delay(interval);
  }
}

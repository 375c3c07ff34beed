// Between capacity steps the server must be idle again: requests an overloaded step left queued (a client that
// hung up is noticed only when its request starts streaming) would otherwise load the next step and make it look
// worse. Polls the server's /metrics (llama.cpp's requests_processing and requests_deferred, vLLM's running and
// waiting) until nothing is in progress.
import { readServerMetrics } from '../diagnose/server/server-metrics.ts';
import { httpGet } from '../util/http-get.ts';
import { serverBase } from '../util/server-origin.ts';

export interface DrainResult {
  /** drained: nothing in progress; busy: still working at the limit; unknown: no /metrics to tell. */
  state: 'drained' | 'busy' | 'unknown';
  waitedMs: number;
  /** Requests in progress (processing + waiting) at the last look. */
  inProgress?: number;
}

async function inProgress(base: string): Promise<number | undefined> {
  try {
    const response = await httpGet(`${base}/metrics`, { timeoutMs: 2000 });
    if (response.status !== 200) return undefined;
    const scrape = readServerMetrics(response.text);
    if (scrape.processing === undefined && scrape.deferred === undefined) return undefined;
    return (scrape.processing ?? 0) + (scrape.deferred ?? 0);
  } catch {
    return undefined;
  }
}

/** Waits until the server at `target` has nothing in progress, up to `limitMs`. */
export async function waitDrained(target: string, limitMs = 120_000, pollMs = 500): Promise<DrainResult> {
  const base = serverBase(target);
  const started = Date.now();
  for (;;) {
    const count = await inProgress(base);
    const waitedMs = Date.now() - started;
    if (count === undefined) return { state: 'unknown', waitedMs };
    if (count === 0) return { state: 'drained', waitedMs, inProgress: 0 };
    if (waitedMs >= limitMs) return { state: 'busy', waitedMs, inProgress: count };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

// Timers against absolute monotonic times, so schedules do not drift as relative sleeps would.
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';

/** Monotonic milliseconds (performance.now()). */
export function now(): number {
  return performance.now();
}

/**
 * Calls `fn` once `now() >= targetMs`; returns a cancel function. Node timers may fire up to ~1ms early against
 * performance.now(), so it re-arms until the target really passed.
 */
export function scheduleAt(targetMs: number, fn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const check = (): void => {
    if (cancelled) return;
    const left = targetMs - now();
    if (left <= 0) {
      timer = undefined;
      fn();
      return;
    }
    timer = setTimeout(check, left);
  };
  check();
  return () => {
    cancelled = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** Resolves true once `targetMs` is reached, or false as soon as `signal` aborts. */
export function sleepUntil(targetMs: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (targetMs <= now()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      cancel();
      resolve(false);
    };
    const cancel = scheduleAt(targetMs, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Lets queued I/O callbacks run, for loops that are behind schedule and would otherwise never yield. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An AbortController whose signal may have many listeners (every sleeping VU adds one). */
export function createController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/** An AbortController that also aborts when `parent` does; `dispose` detaches it from the parent. */
export function createLinkedAbort(parent: AbortSignal): { controller: AbortController; dispose: () => void } {
  const controller = createController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, dispose: () => undefined };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

// One VU's event loop as k6 runs it: an iteration ends once its timers and open WebSockets are done.
import type { VuContext } from '../../runtime/vu-context.ts';

interface Task {
  cancel(): void;
}

/**
 * The callbacks a VU still owes (timers, sockets of k6/experimental/websockets). k6 keeps an iteration alive
 * until none is left; a callback that throws ends the iteration with that error and cancels the rest, and a
 * hard stop cancels everything.
 */
export class VuEventLoop {
  private readonly tasks = new Set<Task>();
  private waiters: { resolve(): void; reject(error: unknown): void }[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly ctx: VuContext) {}

  /** Registers a task (cancelled on hard stop); call the returned function once it is done. */
  hold(cancel: () => void): () => void {
    const signal = this.ctx.signal();
    const task: Task = { cancel };
    const onAbort = (): void => this.cancelAll();
    const release = (): void => {
      signal.removeEventListener('abort', onAbort);
      if (this.tasks.delete(task)) this.settleIfIdle();
    };
    this.tasks.add(task);
    if (signal.aborted) queueMicrotask(onAbort);
    else signal.addEventListener('abort', onAbort, { once: true });
    return release;
  }

  /** Runs a script callback for a task; a throw or a rejected promise ends the iteration with that error. */
  run(callback: () => unknown): void {
    try {
      const result = callback();
      if (isThenable(result)) {
        const release = this.hold(() => undefined);
        result.then(release, (error: unknown) => {
          // Record the failure before letting go, or the loop would look idle and succeed.
          this.fail(error);
          release();
        });
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Resolves when no task is left; rejects with the first callback error, once. */
  idle(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.settleIfIdle();
    });
  }

  /** How many tasks are pending. */
  get size(): number {
    return this.tasks.size;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.cancelAll();
  }

  private cancelAll(): void {
    for (const task of [...this.tasks]) task.cancel();
    this.tasks.clear();
    this.settleIfIdle();
  }

  private settleIfIdle(): void {
    if (this.tasks.size > 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    const failure = this.failure;
    this.waiters = [];
    this.failure = undefined;
    for (const waiter of waiters) {
      if (failure) waiter.reject(failure.error);
      else waiter.resolve();
    }
  }
}

const loops = new WeakMap<VuContext, VuEventLoop>();

/** The VU's one event loop, shared by k6/timers, the timer globals and k6/experimental/websockets. */
export function eventLoopOf(vu: VuContext): VuEventLoop {
  let loop = loops.get(vu);
  if (!loop) {
    loop = new VuEventLoop(vu);
    loops.set(vu, loop);
  }
  return loop;
}

/** What the VU awaits after its iteration function returns: pending timers and sockets, as k6's event loop. */
export function waitForEventLoop(vu: VuContext): Promise<void> {
  return loops.get(vu)?.idle() ?? Promise.resolve();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

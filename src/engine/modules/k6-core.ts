// The `k6` module: check, sleep, group, fail, randomSeed.
import type { VuContext } from '../runtime/vu-context.ts';

export interface GroupControl {
  /** Enters a group: returns the path to restore when it ends. */
  enter(name: string): string;
  leave(previousPath: string): void;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Creates one VU's `k6` module. */
export function createK6Module(ctx: VuContext, groups: GroupControl): Record<string, unknown> {
  function check<T>(value: T, sets: Record<string, unknown>, tags?: Record<string, string>): boolean {
    if (ctx.isInit()) throw new Error('check() is not supported in the init context');
    let all = true;
    for (const [name, condition] of Object.entries(sets)) {
      let passed: boolean;
      try {
        const result = typeof condition === 'function' ? (condition as (v: T) => unknown)(value) : condition;
        if (isPromise(result))
          throw new Error(`check '${name}': async check functions are not supported (as in k6)`);
        passed = Boolean(result);
      } catch (error) {
        ctx.emit({ metric: 'checks', time: Date.now(), value: 0, tags: checkTags(name, tags) });
        throw error;
      }
      ctx.emit({ metric: 'checks', time: Date.now(), value: passed ? 1 : 0, tags: checkTags(name, tags) });
      all &&= passed;
    }
    return all;
  }

  function checkTags(name: string, tags?: Record<string, string>): Record<string, string> {
    return { ...ctx.tags(), ...tags, group: ctx.groupPath(), check: name };
  }

  /** In k6 sleep blocks; here it returns a promise the script awaits (real k6 accepts `await sleep(1)`). */
  function sleep(seconds: number): Promise<void> {
    if (ctx.isInit()) throw new Error('sleep() is not supported in the init context');
    const signal = ctx.signal();
    const wait = new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, seconds * 1000),
      );
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return ctx.track(wait, `sleep(${seconds})`);
  }

  /** Runs fn inside a group; an async fn is awaited here (real k6 rejects async group functions). */
  function group<R>(name: string, fn: () => R): R {
    if (ctx.isInit()) throw new Error('group() is not supported in the init context');
    if (name.includes('::')) throw new Error(`group name '${name}' may not contain '::'`);
    const previous = groups.enter(name);
    const start = performance.now();
    const finish = (): void => {
      const tags = { ...ctx.tags(), group: ctx.groupPath() };
      groups.leave(previous);
      ctx.emit({ metric: 'group_duration', time: Date.now(), value: performance.now() - start, tags });
    };
    let result: R;
    try {
      result = fn();
    } catch (error) {
      finish();
      throw error;
    }
    if (isPromise(result)) return result.finally(finish) as R;
    finish();
    return result;
  }

  function fail(message?: string): never {
    throw new Error(message ?? '');
  }

  const api = { check, sleep, group, fail };
  return { ...api, default: api };
}

// k6 APIs that call back into the script, adapted to callbacks the blocking transform made async.
import { registerAsyncConstructor } from './blocking-helpers.ts';

type Fn = (...args: unknown[]) => unknown;
type Exports = Record<string, unknown>;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

const AsyncFunction = (async () => undefined).constructor;

function isAsyncFunction(value: unknown): value is Fn {
  return value instanceof AsyncFunction;
}

/**
 * Returns `exports` with the callback-taking APIs replaced by ones that await the callbacks: `check`'s
 * conditions, `SharedArray`'s loader and `sse.open`'s handlers (the stream resolves after they finished).
 */
export function adaptForBlocking(name: string, exports: Exports): Exports {
  switch (name) {
    case 'k6':
      return replace(exports, 'check', (check) => awaitingCheck(check));
    case 'k6/data':
      return replace(exports, 'SharedArray', (SharedArray) => withAsyncLoader(SharedArray));
    case 'k6/x/sse':
      return replace(exports, 'open', (open) => awaitingHandlers(open));
    default:
      return exports;
  }
}

function replace(exports: Exports, key: string, adapt: (fn: Fn) => Fn): Exports {
  const original = exports[key];
  if (typeof original !== 'function') return exports;
  const adapted = adapt(original as Fn);
  const inner = exports['default'];
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(exports)) as Exports;
  out[key] = adapted;
  if (typeof inner === 'object' && inner !== null && (inner as Exports)[key] === original) {
    out['default'] = { ...(inner as Exports), [key]: adapted };
  }
  return out;
}

// check(value, {name: cond}): the conditions run in order and are awaited; k6's check then counts the values.
function awaitingCheck(check: Fn): Fn {
  return (value: unknown, sets: unknown, ...rest: unknown[]) => {
    if (typeof sets !== 'object' || sets === null) return check(value, sets, ...rest);
    const entries = Object.entries(sets as Record<string, unknown>);
    const resolved: Record<string, unknown> = {};
    const step = (index: number): unknown => {
      for (let i = index; i < entries.length; i++) {
        const [label, condition] = entries[i] as [string, unknown];
        let result: unknown;
        try {
          result = typeof condition === 'function' ? (condition as Fn)(value) : condition;
        } catch (error) {
          return check(value, { ...resolved, [label]: throwing(error) }, ...rest);
        }
        if (isThenable(result)) {
          return Promise.resolve(result).then(
            (settled) => {
              resolved[label] = settled;
              return step(i + 1);
            },
            (error: unknown) => check(value, { ...resolved, [label]: throwing(error) }, ...rest),
          );
        }
        resolved[label] = result;
      }
      return check(value, resolved, ...rest);
    };
    return step(0);
  };
}

function throwing(error: unknown): () => never {
  return () => {
    throw error;
  };
}

// new SharedArray(name, fn) with an async fn: fn runs once per name (as in k6), its result awaited first.
function withAsyncLoader(SharedArray: Fn): Fn {
  const construct = SharedArray as unknown as new (name: unknown, make: unknown) => unknown;
  const notYet = Symbol('not computed yet');
  registerAsyncConstructor(SharedArray, async ([name, make]) => {
    try {
      return new construct(name, () => {
        throw notYet;
      });
    } catch (error) {
      if (error !== notYet || typeof make !== 'function') return new construct(name, make);
    }
    const value = await (make as Fn)();
    return new construct(name, () => value);
  });
  return SharedArray;
}

// sse.open(url, params, fn): the open callback and every handler may now return promises; open() resolves
// only after they settled, and rethrows the first error (xk6-sse rethrows a handler's exception from open).
function awaitingHandlers(open: Fn): Fn {
  return async (url: unknown, ...args: unknown[]) => {
    const at = args.findIndex((arg) => typeof arg === 'function');
    if (at === -1) return open(url, ...args);
    const running: Promise<unknown>[] = [];
    let failure: { error: unknown } | undefined;
    const watch = (result: unknown): void => {
      if (!isThenable(result)) return;
      running.push(Promise.resolve(result).catch((error: unknown) => void (failure ??= { error })));
    };
    const callback = args[at] as Fn;
    const adapted = [...args];
    adapted[at] = (client: { on: Fn }) => {
      const on = client.on.bind(client);
      // Only async handlers are wrapped: a synchronous one (most) runs as the stream calls it, at no cost.
      client.on = (event: unknown, handler: unknown) =>
        on(event, isAsyncFunction(handler) ? (...a: unknown[]) => watch(handler(...a)) : handler);
      watch(callback(client));
    };
    const response = await open(url, ...adapted);
    while (running.length > 0) await running.shift();
    if (failure) throw failure.error;
    return response;
  };
}

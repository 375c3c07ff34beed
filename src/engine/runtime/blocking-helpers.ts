// What the blocking transform's rewritten calls reach: array methods and `new` that await a callback's result.
import type { BlockingHelpers } from '../script/compile-script.ts';

type Callback = (...args: unknown[]) => unknown;

/** Constructors whose callback the script may have made async: `new SharedArray(name, fn)`. */
const asyncConstructors = new WeakMap<object, (args: unknown[]) => Promise<unknown>>();

/** Registers the async form of a constructor, used by `new C(...)` in transformed scripts. */
export function registerAsyncConstructor(
  constructor: object,
  make: (args: unknown[]) => Promise<unknown>,
): void {
  asyncConstructors.set(constructor, make);
}

/** The helpers one script instance calls; `pause` is the VU's own (it knows the iteration's signal). */
export const blockingHelpers: Omit<BlockingHelpers, 'pause'> = {
  method(target, name, args) {
    const callback = args[0];
    if (Array.isArray(target) && typeof callback === 'function') return callArrayMethod(target, name, args);
    const fn = (target as Record<string, unknown> | null | undefined)?.[name];
    if (typeof fn !== 'function') {
      // The same TypeError the call would have thrown, from the same expression.
      return Promise.resolve((target as Record<string, Callback>)[name]?.(...args));
    }
    if (name === 'forEach' && typeof callback === 'function')
      return forEachInOrder(target, fn as Callback, callback as Callback);
    return Promise.resolve((fn as Callback).apply(target, args));
  },
  construct(constructor, args) {
    const make = typeof constructor === 'function' ? asyncConstructors.get(constructor) : undefined;
    if (make) return make(args);
    return Promise.resolve(Reflect.construct(constructor as new (...a: unknown[]) => unknown, args));
  },
};

// A Map's or a Set's forEach: each callback's promise chained after the previous one, all awaited.
async function forEachInOrder(target: unknown, forEach: Callback, callback: Callback): Promise<undefined> {
  const calls: unknown[][] = [];
  forEach.call(target, (...values: unknown[]) => calls.push(values));
  for (const values of calls) await callback(...values);
  return undefined;
}

async function callArrayMethod(array: unknown[], name: string, args: unknown[]): Promise<unknown> {
  const callback = args[0] as Callback;
  const thisArg = args[1];
  const call = (value: unknown, index: number): unknown => callback.call(thisArg, value, index, array);
  switch (name) {
    case 'forEach':
      for (let i = 0; i < array.length; i++) if (i in array) await call(array[i], i);
      return undefined;
    case 'map':
    case 'flatMap': {
      const out: unknown[] = [];
      for (let i = 0; i < array.length; i++) out[i] = i in array ? await call(array[i], i) : undefined;
      return name === 'map' ? out : out.flat();
    }
    case 'filter': {
      const out: unknown[] = [];
      for (let i = 0; i < array.length; i++) if (i in array && (await call(array[i], i))) out.push(array[i]);
      return out;
    }
    case 'some':
    case 'every': {
      const wanted = name === 'some';
      for (let i = 0; i < array.length; i++)
        if (i in array && Boolean(await call(array[i], i)) === wanted) return wanted;
      return !wanted;
    }
    case 'find':
    case 'findIndex':
    case 'findLast':
    case 'findLastIndex':
      return findAsync(array, name, call);
    case 'reduce':
    case 'reduceRight':
      return reduceAsync(array, name === 'reduceRight', callback, args);
    case 'sort':
    case 'toSorted': {
      const sorted = await mergeSort([...array], callback);
      if (name === 'toSorted') return sorted;
      sorted.forEach((value, i) => (array[i] = value));
      return array;
    }
    default:
      return (array as unknown as Record<string, Callback>)[name]?.(...args);
  }
}

async function findAsync(array: unknown[], name: string, call: (value: unknown, index: number) => unknown) {
  const last = name.startsWith('findLast');
  for (let n = 0; n < array.length; n++) {
    const i = last ? array.length - 1 - n : n;
    if (await call(array[i], i)) return name.endsWith('Index') ? i : array[i];
  }
  return name.endsWith('Index') ? -1 : undefined;
}

async function reduceAsync(array: unknown[], right: boolean, callback: Callback, args: unknown[]) {
  const order = array.map((_, i) => i).filter((i) => i in array);
  if (right) order.reverse();
  let start = 0;
  let accumulator: unknown = args[1];
  if (args.length < 2) {
    if (order.length === 0) throw new TypeError('Reduce of empty array with no initial value');
    accumulator = array[order[0] as number];
    start = 1;
  }
  for (const i of order.slice(start)) accumulator = await callback(accumulator, array[i], i, array);
  return accumulator;
}

// A stable merge sort (as Array.prototype.sort is since ES2019), undefined last, comparing with an async callback.
async function mergeSort(values: unknown[], compare: Callback): Promise<unknown[]> {
  const defined = values.filter((v) => v !== undefined);
  const sorted = await sortPart(defined, compare);
  return [...sorted, ...values.filter((v) => v === undefined)];
}

async function sortPart(values: unknown[], compare: Callback): Promise<unknown[]> {
  if (values.length < 2) return values;
  const middle = values.length >> 1;
  const left = await sortPart(values.slice(0, middle), compare);
  const right = await sortPart(values.slice(middle), compare);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (Number(await compare(right[j], left[i])) < 0) out.push(right[j++]);
    else out.push(left[i++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

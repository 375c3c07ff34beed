// The helpers behind transformed array-method calls give the native methods' results, with async callbacks too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockingHelpers,
  registerAsyncConstructor,
} from '../../../../src/engine/runtime/blocking-helpers.ts';
import { mulberry32 } from '../../../../src/util/mulberry32.ts';

const next = mulberry32(11);
const random = (): number => next() / 2 ** 32;
const arrays = Array.from({ length: 30 }, () =>
  Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * 20) - 5),
);
const later = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));

type Fn = (...args: unknown[]) => unknown;
const cases: [string, Fn, unknown[]][] = [
  ['map', (x) => (x as number) * 2, []],
  ['filter', (x) => (x as number) % 2 === 0, []],
  ['some', (x) => (x as number) > 10, []],
  ['every', (x) => (x as number) > -3, []],
  ['find', (x) => (x as number) > 3, []],
  ['findIndex', (x) => (x as number) > 3, []],
  ['findLast', (x) => (x as number) < 0, []],
  ['findLastIndex', (x) => (x as number) < 0, []],
  ['flatMap', (x) => [x, x], []],
  ['reduce', (a, x) => (a as number) * 3 + (x as number), [7]],
  ['reduceRight', (a, x) => `${String(a)},${String(x)}`, []],
  ['sort', (a, b) => Math.abs(a as number) - Math.abs(b as number), []],
  ['toSorted', (a, b) => (b as number) - (a as number), []],
];

describe('blocking helpers: array methods with callbacks', () => {
  for (const [name, callback, rest] of cases) {
    it(`${name} gives the native result for sync and async callbacks`, async () => {
      for (const array of arrays) {
        if ((name === 'reduceRight' || name === 'reduce') && array.length === 0 && rest.length === 0)
          continue;
        const native = (array.slice() as unknown as Record<string, Fn>)[name]?.(callback, ...rest);
        const viaSync = await blockingHelpers.method(array.slice(), name, [callback, ...rest]);
        const asyncCallback = (...args: unknown[]) => later(callback(...args));
        const viaAsync = await blockingHelpers.method(array.slice(), name, [asyncCallback, ...rest]);
        assert.deepEqual(viaSync, native, `${name} on [${array.join(',')}]`);
        assert.deepEqual(viaAsync, native, `${name} (async callback) on [${array.join(',')}]`);
      }
    });
  }

  it('forEach runs async callbacks one after the other, in order', async () => {
    const seen: number[] = [];
    await blockingHelpers.method([3, 1, 2], 'forEach', [
      async (x: number) => {
        await later(null);
        seen.push(x);
      },
    ]);
    assert.deepEqual(seen, [3, 1, 2]);
  });

  it("awaits every callback of a Map's forEach before resolving", async () => {
    const seen: string[] = [];
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    await blockingHelpers.method(map, 'forEach', [
      async (v: number, k: string) => seen.push(`${k}${await later(v)}`),
    ]);
    assert.deepEqual(seen, ['a1', 'b2']);
  });

  it('sorts in place like the native sort (stable, undefined last)', async () => {
    const array = [{ k: 2 }, undefined, { k: 1 }, { k: 2, second: true }];
    const native = array.slice().sort((a, b) => (a as { k: number }).k - (b as { k: number }).k);
    const result = await blockingHelpers.method(array, 'sort', [
      async (a: { k: number }, b: { k: number }) => later(a.k - b.k),
    ]);
    assert.equal(result, array);
    assert.deepEqual(array, native);
  });

  it('calls methods of other objects as they are, and fails as the call would', async () => {
    const selection = { map: (selector: string) => `mapped ${selector}` };
    assert.equal(await blockingHelpers.method(selection, 'map', ['a']), 'mapped a');
    await assert.rejects(async () => blockingHelpers.method(undefined, 'map', [() => 1]), TypeError);
  });

  it('constructs through a registered async constructor, else with new', async () => {
    class Plain {
      constructor(readonly value: number) {}
    }
    class Loaded {
      readonly kind = 'loaded';
    }
    registerAsyncConstructor(Loaded, async ([make]) => ({ loaded: await (make as () => Promise<number>)() }));
    assert.deepEqual(await blockingHelpers.construct(Plain, [4]), new Plain(4));
    assert.deepEqual(await blockingHelpers.construct(Loaded, [async () => later(9)]), { loaded: 9 });
  });
});

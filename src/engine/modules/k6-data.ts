// The `k6/data` module: SharedArray, computed once per name for the whole run and deep-frozen.
import type { VuContext } from '../runtime/vu-context.ts';
import { deepFreeze } from './deep-freeze.ts';

/**
 * Creates one VU's `k6/data` module. k6 stores JSON and parses on access; in one JS realm a deep-frozen array
 * shared by every VU gives the same guarantees (read-only, one copy) without re-parsing.
 */
export function createDataModule(
  ctx: VuContext,
  store: Map<string, readonly unknown[]>,
): Record<string, unknown> {
  // k6's SharedArray is a class whose constructor returns the array itself.
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class SharedArray {
    constructor(name: string, make: () => unknown) {
      if (!ctx.isInit()) throw new Error('SharedArray can only be created in the init context');
      if (typeof name !== 'string' || name === '') throw new Error('SharedArray needs a non-empty name');
      const existing = store.get(name);
      if (existing) return existing as unknown as SharedArray;
      if (typeof make !== 'function')
        throw new Error(`SharedArray '${name}': the second argument must be a function`);
      const value = make();
      if (!Array.isArray(value)) throw new Error(`SharedArray '${name}': the function must return an array`);
      // A JSON round-trip as k6 does: functions, undefined and class instances do not survive.
      const frozen = deepFreeze(JSON.parse(JSON.stringify(value)) as unknown[]);
      store.set(name, frozen);
      return frozen as unknown as SharedArray;
    }
  }
  const api = { SharedArray };
  return { ...api, default: api };
}

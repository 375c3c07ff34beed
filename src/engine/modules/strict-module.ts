import { notImplemented } from './not-implemented.ts';

// Properties that bundlers' interop helpers and promise checks probe on any module object.
const PROBES = new Set(['__esModule', 'then', 'toJSON', 'constructor', 'default']);

/**
 * Wraps a module so that reading an export it lacks fails with the API's name (k6/http.file, k6.randomSeed)
 * instead of yielding undefined and a vague "is not a function" later.
 */
export function strictModule<T extends object>(moduleName: string, exports: T): T {
  return new Proxy(exports, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || property in target || PROBES.has(property)) {
        return Reflect.get(target, property, receiver) as unknown;
      }
      throw notImplemented(moduleName, property);
    },
  });
}

import type { ModuleRegistry, ModuleVu } from '../modules/module-registry.ts';
import { strictModule } from '../modules/strict-module.ts';
import { adaptForBlocking } from './blocking-modules.ts';

/** The `require` a VU's script instance gets: the run's modules, made once per VU, anything else refused. */
export function createModuleLoader(vu: ModuleVu, modules: ModuleRegistry): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const wrapped = wrap(name, adaptForBlocking(name, modules.create(name, vu)));
    cache.set(name, wrapped);
    return wrapped;
  };
}

function wrap(name: string, exports: Record<string, unknown>): unknown {
  // Copy descriptors, not values: k6/execution's exports are getters that must stay live.
  const descriptors = Object.getOwnPropertyDescriptors(exports);
  const out = Object.defineProperties({}, descriptors) as Record<string, unknown>;
  const inner = exports['default'];
  Object.defineProperty(out, 'default', {
    value: typeof inner === 'object' && inner !== null ? strictModule(name, inner) : out,
    enumerable: true,
  });
  // Bundlers' interop then maps `import x from 'k6/...'` to `.default`, as k6's ES modules do.
  Object.defineProperty(out, '__esModule', { value: true });
  return strictModule(name, out);
}

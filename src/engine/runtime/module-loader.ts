import type { RunServices } from './run-services.ts';
import type { VirtualUser } from './vu.ts';
import { createK6Module } from '../modules/k6-core.ts';
import { createMetricsModule } from '../modules/k6-metrics.ts';
import { createDataModule } from '../modules/k6-data.ts';
import { createExecutionModule } from '../modules/k6-execution.ts';
import { strictModule } from '../modules/strict-module.ts';

type ModuleFactory = (vu: VirtualUser, run: RunServices) => Record<string, unknown>;

const BUILTIN: Record<string, ModuleFactory> = {
  k6: (vu) =>
    createK6Module(vu, { enter: (name) => vu.enterGroup(name), leave: (path) => vu.leaveGroup(path) }),
  'k6/metrics': (vu, run) => createMetricsModule(vu, run.registry),
  'k6/data': (vu, run) => createDataModule(vu, run.sharedArrays),
  'k6/execution': (vu, run) =>
    createExecutionModule({
      scenario: () => vu.executionState().scenario,
      vu: () => vu.executionState().vu,
      vuTags: () => vu.customTags,
      vuMetadata: () => vu.customMetadata,
      instance: () => run.instance(),
      abort: (message) => run.abort(message),
      fail: (message) => run.fail(message),
      options: () => run.testOptions(),
    }),
};

/** The `require` a VU's script instance gets: k6 modules made once per VU, anything else refused by name. */
export function createModuleLoader(vu: VirtualUser, run: RunServices): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const factory = BUILTIN[name];
    const extra = run.extraModules[name];
    let exports: Record<string, unknown>;
    if (factory) exports = factory(vu, run);
    else if (extra) exports = extra(vu);
    else
      throw new Error(
        `unknown module: ${name} (the embedded engine provides ${knownModules(run).join(', ')})`,
      );
    const wrapped = wrap(name, exports);
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

function knownModules(run: RunServices): string[] {
  return [...Object.keys(BUILTIN), ...Object.keys(run.extraModules)].sort();
}

// Every module the embedded engine offers, declared in one place and built once per run.
import type { MetricRegistry } from '../metrics/registry.ts';
import type { VuContext } from '../runtime/vu-context.ts';
import { createK6Module } from './k6-core.ts';
import { createDataModule } from './k6-data.ts';
import { type InstanceInfo, type ScenarioInfo, type VuInfo, createExecutionModule } from './k6-execution.ts';
import { createMetricsModule } from './k6-metrics.ts';
import { type SharedHttp, createHttpModule } from './http/index.ts';
import { createSseModule } from './sse/index.ts';

/** What a module instance may use of its VU beyond VuContext: groups (k6), state and tags (k6/execution). */
export interface ModuleVu extends VuContext {
  enterGroup(name: string): string;
  leaveGroup(previous: string): void;
  executionState(): { scenario: ScenarioInfo; vu: VuInfo };
  readonly customTags: Record<string, string>;
  readonly customMetadata: Record<string, string>;
}

/** What the modules of one run share across its VUs. */
export interface ModuleRunServices {
  registry: MetricRegistry;
  sharedArrays: Map<string, readonly unknown[]>;
  /** The run's HTTP client (k6/http and k6/x/sse), made on first use once the script's options are known. */
  http(): SharedHttp;
  instance(): InstanceInfo;
  abort(message?: string): never;
  fail(message?: string): void;
  /** The script's options after config layering, as `exec.test.options` shows them. */
  testOptions(): unknown;
}

/** The run's modules by name: each VU makes its own instance of the ones its script imports. */
export interface ModuleRegistry {
  /** Sorted, for the error that names an unknown module. */
  readonly names: readonly string[];
  /** One VU's instance of `name`; an unknown name fails listing the modules offered. */
  create(name: string, vu: ModuleVu): Record<string, unknown>;
}

type ModuleFactory = (vu: ModuleVu) => Record<string, unknown>;

/** Builds the registry of k6, k6/http, k6/x/sse, k6/metrics, k6/execution and k6/data over the run's state. */
export function createModuleRegistry(run: ModuleRunServices): ModuleRegistry {
  const factories: Record<string, ModuleFactory> = {
    k6: (vu) =>
      createK6Module(vu, { enter: (name) => vu.enterGroup(name), leave: (path) => vu.leaveGroup(path) }),
    'k6/http': (vu) => createHttpModule(vu, run.http()) as unknown as Record<string, unknown>,
    'k6/x/sse': (vu) => createSseModule(vu, run.http()) as unknown as Record<string, unknown>,
    'k6/metrics': (vu) => createMetricsModule(vu, run.registry),
    'k6/data': (vu) => createDataModule(vu, run.sharedArrays),
    'k6/execution': (vu) =>
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
  const names = Object.keys(factories).sort();
  return {
    names,
    create(name, vu) {
      const factory = factories[name];
      if (!factory)
        throw new Error(`unknown module: ${name} (the embedded engine provides ${names.join(', ')})`);
      return factory(vu);
    },
  };
}

import type { MetricRegistry } from '../metrics/registry.ts';
import type { Sample } from '../metrics/types.ts';
import type { InstanceInfo } from '../modules/k6-execution.ts';

/** What every VU of a run shares: metrics, data, the HTTP client, the run's counters and controls. */
export interface RunServices {
  registry: MetricRegistry;
  emit(sample: Sample): void;
  sharedArrays: Map<string, readonly unknown[]>;
  env: Record<string, string>;
  runTags: Record<string, string>;
  options: { discardResponseBodies?: boolean; throw?: boolean };
  /** The script's options after config layering, as `exec.test.options` shows them. */
  testOptions(): unknown;
  /** Reads a file for open(), relative to the script's folder, cached for the run. */
  openFile(path: string, mode?: string): string | ArrayBuffer;
  /** Module instances that need run-wide state (k6/http, k6/x/sse) are made by these factories. */
  extraModules: Record<string, (ctx: import('./vu-context.ts').VuContext) => Record<string, unknown>>;
  /** A scenario's own tags and env, merged over the run's for its iterations. */
  scenarioSettings(name: string): { tags?: Record<string, string>; env?: Record<string, string> };
  instance(): InstanceInfo;
  abort(message?: string): never;
  fail(message?: string): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

import type { Sample } from '../metrics/types.ts';
import type { ModuleRegistry } from '../modules/module-registry.ts';

export type LogLevel = 'info' | 'warn' | 'error';

/** Request options every VU reads (discardResponseBodies, throw), from the script's options. */
export interface VuOptions {
  discardResponseBodies?: boolean;
  throw?: boolean;
}

/** What a VU is handed by its run: the run's modules, env and tags, where samples go, files and the log. */
export interface VuServices {
  readonly modules: ModuleRegistry;
  readonly env: Record<string, string>;
  readonly runTags: Record<string, string>;
  /** Known once the options-parsing instance has run: empty for that instance's own init code. */
  options(): VuOptions;
  emit(sample: Sample): void;
  /** Reads a file for open(), relative to the script's folder, cached for the run. */
  openFile(path: string, mode?: string): string | ArrayBuffer;
  /** A scenario's own tags and env, merged over the run's for its iterations. */
  scenarioSettings(name: string): { tags?: Record<string, string>; env?: Record<string, string> };
  log(level: LogLevel, message: string): void;
}

import type { Sample } from '../metrics/types.ts';

/**
 * What a k6 module instance sees of the VU it belongs to. Every module (k6/http, k6/x/sse, k6/metrics, ...)
 * is instantiated once per VU with one of these, so script state stays isolated per VU as in k6.
 */
export interface VuContext {
  /** __VU: 1-based; 0 in setup, teardown, handleSummary and the options-parsing instance. */
  readonly id: number;
  /** True while the script's init code runs: init-only APIs check it, iteration-only APIs refuse it. */
  isInit(): boolean;
  /** Tags every sample of this VU carries now (run tags, scenario, group, VU tags). */
  tags(): Record<string, string>;
  /** The current group path ('' at the root, '::a::b' nested). */
  groupPath(): string;
  /** Sends a sample to the metrics engine and the outputs. */
  emit(sample: Sample): void;
  /** Registers an operation that a correct script awaits; see forgotten-await detection in vu.ts. */
  track<T>(operation: Promise<T>, what: string): Promise<T>;
  /** Aborted when the current iteration is hard-stopped (gracefulStop, abort, Ctrl-C). */
  signal(): AbortSignal;
  /** Options in force (discardResponseBodies, throw, ...), after config layering. */
  readonly options: Readonly<{ discardResponseBodies?: boolean; throw?: boolean }>;
}

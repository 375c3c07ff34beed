// The state the steps of one run share: metrics, the clock, how it stops, the log, what its VUs are handed.
import { RunStatus } from './run-status.ts';
import type { Scenario } from '../execution/types.ts';
import { registerBuiltinMetrics } from '../metrics/builtin-metrics.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import type { Sample } from '../metrics/types.ts';
import { type SharedHttpOptions, createLazySharedHttp } from '../modules/http/index.ts';
import { createModuleRegistry } from '../modules/module-registry.ts';
import type { JsonOutput } from '../output/json-output.ts';
import type { LogLevel, VuOptions, VuServices } from '../runtime/vu-services.ts';
import type { CompiledScript } from '../script/compile-script.ts';
import { GroupTree } from '../summary/group-tree.ts';
import { createFileOpener } from './open-file.ts';
import type { RunCleanup } from './run-cleanup.ts';
import { RunControl } from './run-control.ts';
import { RunObserver } from './run-observer.ts';
import type { RunTestOptions } from './run-options.ts';

const LABELS: Record<LogLevel, string> = { info: 'INFO', warn: 'WARN', error: 'ERRO' };

export interface RunContext {
  readonly options: RunTestOptions;
  readonly script: CompiledScript;
  readonly registry: MetricRegistry;
  readonly groups: GroupTree;
  readonly observer: RunObserver;
  readonly control: RunControl;
  readonly cleanup: RunCleanup;
  /** What every VU of the run is handed, the run's one module registry included. */
  readonly vus: VuServices;
  /**
   * Since the run context was made (after compiling), or since a paused run was resumed (k6 counts a run's
   * duration from its start, not from --paused): the log's clock and test_run_duration.
   */
  elapsedMs(): number;
  /** Where the run is in k6's lifecycle, and its --paused start gate. */
  readonly status: RunStatus;
  /** Restarts the clock: the run starts now (after a --paused wait). */
  markStarted(): void;
  log(level: LogLevel, message: string): void;
  /** The script's `options` export, read at init; exec.test.options sees it from then on. */
  scriptOptions: Record<string, unknown>;
  /** The HTTP client's settings, read from the options at init; the client is made at the first request. */
  httpOptions: SharedHttpOptions;
  /** discardResponseBodies and throw as VUs read them, set at init with scriptOptions. */
  vuOptions: VuOptions;
  /** Known once planned: a VU looks its scenario's tags and env up here. */
  scenarios: readonly Scenario[];
  /** --out json, opened when the run is planned. */
  json: JsonOutput | undefined;
}

/** Makes the run's shared state and registers what it opens (signal listener, HTTP client) with `cleanup`. */
export function createRunContext(
  script: CompiledScript,
  options: RunTestOptions,
  cleanup: RunCleanup,
): RunContext {
  const stderr = options.stderr ?? process.stderr;
  const runTags = options.tags ?? {};
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  registry.define('sse_event', 'counter');
  const groups = new GroupTree();
  const control = new RunControl();
  control.watch(options.signal);
  cleanup.defer(() => control.unwatch());
  let started = performance.now();
  const elapsedMs = (): number => performance.now() - started;
  const log = (level: LogLevel, message: string): void => {
    // --quiet hides the progress line and the summary, not the script's own console output (as in k6).
    const clock = (elapsedMs() / 1000).toFixed(1).padStart(5, '0');
    stderr.write(`${LABELS[level]}[${clock}] ${message}\n`);
  };
  const emit = (sample: Sample): void => {
    registry.add(sample);
    groups.addSample(sample);
    observer.sample(sample);
    run.json?.add(sample);
    options.onSample?.(sample);
  };
  const observer = new RunObserver(emit, runTags, (message) => log('warn', message));
  // Made at its first use, a request: module instances exist from init, before the options are read.
  const shared = createLazySharedHttp(() => ({
    ...run.httpOptions,
    warn: (message) => log('warn', message),
  }));
  cleanup.defer(() => shared.close());
  const modules = createModuleRegistry({
    registry,
    sharedArrays: new Map(),
    http: () => shared,
    instance: () => observer.instance(elapsedMs()),
    abort: (message) => control.abortByScript(message),
    fail: (message) => control.failByScript(message),
    testOptions: () => run.scriptOptions,
    scriptDir: script.dir,
  });
  const run: RunContext = {
    options,
    script,
    registry,
    groups,
    observer,
    control,
    cleanup,
    vus: {
      modules,
      env: options.env,
      runTags,
      options: () => run.vuOptions,
      emit,
      openFile: createFileOpener(script.dir),
      scenarioSettings: (name) => run.scenarios.find((s) => s.name === name) ?? {},
      log,
    },
    elapsedMs,
    status: new RunStatus(options.paused ?? false),
    markStarted: () => (started = performance.now()),
    log,
    scriptOptions: {},
    httpOptions: {},
    vuOptions: {},
    scenarios: [],
    json: undefined,
  };
  return run;
}

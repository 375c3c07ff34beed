import type { CompiledScript, ScriptExports } from '../script/compile-script.ts';
import type { Sample } from '../metrics/types.ts';
import type { ModuleVu } from '../modules/module-registry.ts';
import type { VuOptions, VuServices } from './vu-services.ts';
import { ForgottenAwaitError, PendingOperations } from './forgotten-await.ts';
import { createModuleLoader } from './module-loader.ts';
import { hasKeys } from '../../util/has-keys.ts';
import type { IterationContext, VuHandle } from '../execution/runtime-types.ts';

const NEVER_ABORTED = new AbortController().signal;

/** A virtual user: its own instance of the script (init code run once), its tags, group and iteration state. */
export class VirtualUser implements ModuleVu, VuHandle {
  readonly exports: ScriptExports;
  private init = true;
  private group = '';
  private iterationsDone = 0;
  private currentSignal: AbortSignal = NEVER_ABORTED;
  private currentTags: Record<string, string>;
  private readonly pending = new PendingOperations();
  private setIter: (iteration: number) => void = () => undefined;
  private iteration: IterationContext | undefined;
  private readonly env: Record<string, string>;
  /** exec.vu.tags: the script may set its own, applied to every later sample of this VU. */
  readonly customTags: Record<string, string> = {};
  /** exec.vu.metrics.metadata: non-indexed tags the script sets, attached to every later sample of this VU. */
  readonly customMetadata: Record<string, string> = {};

  constructor(
    readonly id: number,
    script: CompiledScript,
    private readonly run: VuServices,
  ) {
    this.currentTags = { ...run.runTags };
    this.require = createModuleLoader(this, run.modules);
    // One object for the VU's life: scenario `env` is merged into it per iteration (__ENV is bound at init).
    this.env = { ...run.env };
    const env = this.env;
    this.exports = script.instantiate({
      require: this.require,
      env,
      vu: id,
      open: (path, mode) => {
        if (!this.init) throw new Error('open() can only be called in the init context');
        return run.openFile(path, mode);
      },
      console: consoleFor(run),
      bindIter: (setter) => {
        this.setIter = setter;
      },
    });
    this.init = false;
  }

  isInit(): boolean {
    return this.init;
  }

  tags(): Record<string, string> {
    return this.currentTags;
  }

  groupPath(): string {
    return this.group;
  }

  /** A hard-stopped iteration is dead in k6: whatever its code still records afterwards is dropped. */
  emit(sample: Sample): void {
    if (this.currentSignal.aborted) return;
    this.run.emit(hasKeys(this.customMetadata) ? withMetadata(sample, this.customMetadata) : sample);
  }

  track<T>(operation: Promise<T>, what: string): Promise<T> {
    return this.pending.track(operation, what);
  }

  signal(): AbortSignal {
    return this.currentSignal;
  }

  get options(): VuOptions {
    return this.run.options();
  }

  enterGroup(name: string): string {
    const previous = this.group;
    this.group = `${previous}::${name}`;
    this.refreshTags();
    return previous;
  }

  leaveGroup(previous: string): void {
    this.group = previous;
    this.refreshTags();
  }

  executionState(): ReturnType<ModuleVu['executionState']> {
    const it = this.iteration;
    return {
      scenario: {
        name: it?.scenario ?? '',
        executor: it?.executor ?? '',
        startTime: it?.scenarioStartTime ?? 0,
        progress: it ? it.scenarioProgress() : 0,
        iterationInInstance: it?.iterationInScenario ?? 0,
        iterationInTest: it?.iterationInScenario ?? 0,
      },
      vu: {
        idInInstance: this.id,
        idInTest: this.id,
        iterationInInstance: this.iterationsDone,
        iterationInScenario: it?.vuIterationInScenario ?? 0,
      },
    };
  }

  private refreshTags(): void {
    this.currentTags = { ...this.run.runTags, ...this.scenarioTags, ...this.customTags, group: this.group };
  }

  private scenarioTags: Record<string, string> = {};

  /** This VU's module loader: k6 modules, instantiated once per VU. */
  readonly require: (name: string) => unknown;

  /** Runs one iteration of `exec`; an exception is logged and the iteration still counts, as in k6. */
  async runIteration(request: IterationContext): Promise<void> {
    const fn = this.exports[request.exec];
    if (typeof fn !== 'function') throw new Error(`the script exports no function '${request.exec}'`);
    this.iteration = request;
    const scenario = this.run.scenarioSettings(request.scenario);
    this.scenarioTags = { ...scenario.tags, scenario: request.scenario };
    if (scenario.env) Object.assign(this.env, this.run.env, scenario.env);
    this.group = '';
    this.refreshTags();
    this.currentSignal = request.signal;
    this.setIter(this.iterationsDone);
    const start = performance.now();
    let error: unknown;
    try {
      await (fn as (data?: unknown) => unknown).call(undefined, this.setupData);
      const forgotten = this.pending.outstanding();
      if (forgotten.length > 0) throw new ForgottenAwaitError(forgotten);
    } catch (caught) {
      error = caught;
    }
    this.pending.clear();
    // An iteration that never waited on I/O (a request failing at once) settles in microtasks: yield to the
    // event loop so the executors' timers (duration, graceful stop) still fire and the run can end.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.iterationsDone += 1;
    const durationMs = performance.now() - start;
    const interrupted = request.signal.aborted;
    if (error !== undefined && !interrupted)
      this.run.log('error', describeError(error, request.scenario, this.id));
    if (!interrupted) {
      const time = Date.now();
      const tags = { ...this.run.runTags, ...this.scenarioTags, ...this.customTags };
      this.run.emit({ metric: 'iterations', time, value: 1, tags });
      this.run.emit({ metric: 'iteration_duration', time, value: durationMs, tags });
    }
  }

  /** Runs setup/teardown/handleSummary on this instance: checks land in group ::setup / ::teardown as in k6. */
  async runHook(name: string, call: () => unknown, races: Promise<never>[]): Promise<unknown> {
    const controller = new AbortController();
    this.currentSignal = controller.signal;
    this.group = name === 'handleSummary' ? '' : `::${name}`;
    this.scenarioTags = {};
    this.refreshTags();
    try {
      const result = await Promise.race([Promise.resolve().then(call), ...races]);
      const forgotten = this.pending.outstanding();
      if (forgotten.length > 0) throw new ForgottenAwaitError(forgotten);
      return result;
    } finally {
      controller.abort(new Error(`${name}() ended`));
      this.pending.clear();
      this.group = '';
    }
  }

  /** setup()'s data, as this VU's own parsed copy (mutations persist across its iterations, as in k6). */
  setupData: unknown;
}

function describeError(error: unknown, scenario: string, vu: number): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${text.split('\n').slice(0, 4).join('\n')}  (scenario=${scenario} vu=${vu})`;
}

function consoleFor(run: VuServices): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const format = (args: unknown[]): string =>
    args
      .map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a)))
      .join(' ');
  return {
    log: (...args: unknown[]) => run.log('info', format(args)),
    info: (...args: unknown[]) => run.log('info', format(args)),
    debug: () => undefined,
    warn: (...args: unknown[]) => run.log('warn', format(args)),
    error: (...args: unknown[]) => run.log('error', format(args)),
  };
}

// A copy of the metadata as it is now: the script may change it before the sample is written.
function withMetadata(sample: Sample, metadata: Record<string, string>): Sample {
  return { ...sample, metadata: { ...metadata, ...sample.metadata } };
}

import type { CompiledScript, ScriptExports } from '../script/compile-script.ts';
import type { Sample } from '../metrics/types.ts';
import type { ModuleVu } from '../modules/module-registry.ts';
import type { VuOptions, VuServices } from './vu-services.ts';
import { ScriptAbort } from '../run/run-control.ts';
import { ForgottenAwaitError, PendingOperations } from './forgotten-await.ts';
import { createModuleLoader } from './module-loader.ts';
import { blockingHelpers } from './blocking-helpers.ts';
import { hasKeys } from '../../util/has-keys.ts';
import type { IterationContext, VuHandle } from '../execution/runtime-types.ts';

const NEVER_ABORTED = new AbortController().signal;

/** A virtual user: its own instance of the script (init code run once), its tags, group and iteration state. */
export class VirtualUser implements ModuleVu, VuHandle {
  exports: ScriptExports = {};
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

  private constructor(
    readonly id: number,
    private readonly script: CompiledScript,
    private readonly run: VuServices,
  ) {
    this.currentTags = { ...run.runTags };
    this.require = createModuleLoader(this, run.modules);
    // One object for the VU's life: scenario `env` is merged into it per iteration (__ENV is bound at init).
    this.env = { ...run.env };
  }

  /** Makes a VU and runs its instance of the script's init code (top-level await included). */
  static async create(id: number, script: CompiledScript, run: VuServices): Promise<VirtualUser> {
    const vu = new VirtualUser(id, script, run);
    try {
      vu.exports = await script.instantiate({
        require: vu.require,
        env: vu.env,
        vu: id,
        open: (path, mode) => {
          if (!vu.init) throw new Error('open() can only be called in the init context');
          return run.openFile(path, mode);
        },
        console: consoleFor(run),
        bindIter: (setter) => {
          vu.setIter = setter;
        },
        helpers: { ...blockingHelpers, pause: () => vu.pause() },
        globals: run.modules.globals(vu),
      });
    } catch (error) {
      throw vu.mapError(error);
    }
    vu.init = false;
    return vu;
  }

  /** A loop's yield: lets timers and Ctrl-C run; a hard-stopped iteration ends here, as k6 interrupts it. */
  private async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const signal = this.currentSignal;
    if (signal.aborted)
      throw signal.reason instanceof Error ? signal.reason : new Error('iteration interrupted');
  }

  /** The error with its stack in the user's files (k6 shows only the script's frames). */
  mapError(error: unknown): unknown {
    if (error instanceof Error && error.stack) error.stack = this.script.mapStack(error.stack);
    return error;
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
        iterationInTest: it?.iterationInTest ?? 0,
      },
      vu: {
        idInInstance: this.id,
        idInTest: it?.vuIdInTest ?? this.id,
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
      // k6 ends an iteration once its event loop is empty: timers and open WebSockets included.
      await this.run.modules.settle(this);
      const forgotten = this.pending.outstanding();
      if (forgotten.length > 0) throw new ForgottenAwaitError(forgotten);
    } catch (caught) {
      error = this.mapError(caught);
    }
    this.pending.clear();
    // An iteration that never waited on I/O (a request failing at once) settles in microtasks: yield to the
    // event loop so the executors' timers (duration, graceful stop) still fire and the run can end.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.iterationsDone += 1;
    const durationMs = performance.now() - start;
    // The iteration that called exec.test.abort() ends normally in k6's count; the others are cut off.
    const interrupted = request.signal.aborted && !(error instanceof ScriptAbort);
    if (error !== undefined && !interrupted && !(error instanceof ScriptAbort))
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
    } catch (error) {
      throw this.mapError(error);
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

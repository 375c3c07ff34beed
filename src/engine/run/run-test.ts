// Runs one k6 script on the embedded engine: init, setup, scenarios, teardown, thresholds, summary, exit code.
import { compileScript } from '../script/compile-script.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import { registerBuiltinMetrics, addExpectedResponseSubmetric } from '../metrics/builtin-metrics.ts';
import type { Sample } from '../metrics/types.ts';
import { GroupTree } from '../summary/group-tree.ts';
import { createThresholdSet, type ThresholdSet } from '../thresholds/threshold-set.ts';
import { startThresholdLoop } from '../thresholds/threshold-loop.ts';
import { JsonOutput } from '../output/json-output.ts';
import { resolveExecution } from '../execution/config.ts';
import { ExecutionScheduler } from '../execution/scheduler.ts';
import { createVuPool } from '../execution/vu-pool.ts';
import type { Scenario } from '../execution/types.ts';
import { createSharedHttp, type SharedHttp, type SharedHttpOptions } from '../modules/http/index.ts';
import { createHttpModule } from '../modules/http/index.ts';
import { createSseModule } from '../modules/sse/index.ts';
import type { RunServices } from '../runtime/run-services.ts';
import { VirtualUser } from '../runtime/vu.ts';
import { UserError } from '../../util/errors.ts';
import {
  EXIT_INVALID_CONFIG,
  EXIT_INTERRUPTED,
  EXIT_SCRIPT_ABORTED,
  EXIT_SCRIPT_EXCEPTION,
  EXIT_TEST_FAILED,
  EXIT_THRESHOLDS_FAILED,
} from '../exit-codes.ts';
import type { RunTestOptions } from './run-options.ts';
import { isNotImplemented } from '../modules/not-implemented.ts';
import { createFileOpener } from './open-file.ts';
import { RunObserver } from './run-observer.ts';
import { writeSummaries } from './write-summaries.ts';
import { startProgress } from './progress-reporter.ts';
import { callWithTimeout } from './call-with-timeout.ts';

export interface RunTestResult {
  exitCode: number;
  /** Why the run ended early, when it did. */
  reason?: string;
  /** Iterations hard-stopped mid-way (gracefulStop, ramp-down, abort): their samples are not in the summary. */
  iterationsInterrupted: number;
  iterationsCompleted: number;
  summary: import('../summary/summary-data.ts').SummaryData;
}

class ScriptAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptAbort';
  }
}

const SETUP_TIMEOUT_MS = 60_000;

export async function runTest(options: RunTestOptions): Promise<RunTestResult> {
  const stderr = options.stderr ?? process.stderr;
  const script = options.compiled ?? (await compileScript(options.scriptPath));
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  registry.define('sse_event', 'counter');
  const groups = new GroupTree();
  let json: JsonOutput | undefined;
  const emit = (sample: Sample): void => {
    registry.add(sample);
    groups.addSample(sample);
    observer.sample(sample);
    json?.add(sample);
  };
  const observer = new RunObserver(emit, options.tags ?? {}, (message) => services.log('warn', message));

  const runController = new AbortController();
  let abortCode: number | undefined;
  let abortReason: string | undefined;
  const abortRun = (code: number, reason: string): void => {
    if (abortCode !== undefined) return;
    abortCode = code;
    abortReason = reason;
    runController.abort(new ScriptAbort(reason));
  };
  const onSignal = (): void => {
    const by: unknown = (options.signal?.reason as { by?: unknown } | undefined)?.by;
    abortRun(
      EXIT_INTERRUPTED,
      `interrupted (${typeof by === 'string' ? by : 'Ctrl-C'}): stopping, the summary follows`,
    );
  };
  // A signal that fired before the run began still stops it (an abort event is never sent twice).
  if (options.signal?.aborted) onSignal();
  else options.signal?.addEventListener('abort', onSignal, { once: true });
  let failedByScript: string | undefined;

  // Created once the script's options are known (userAgent, maxRedirects, batch, ...); modules read it lazily.
  let shared: SharedHttp | undefined;
  const http = (): SharedHttp => (shared ??= createSharedHttp(httpOptionsFrom(testOptions)));
  let scenarios: Scenario[] = [];
  let testOptions: Record<string, unknown> = {};
  const services: RunServices = {
    registry,
    emit,
    sharedArrays: new Map(),
    env: options.env,
    runTags: options.tags ?? {},
    options: {},
    testOptions: () => testOptions,
    openFile: createFileOpener(script.dir),
    extraModules: {
      'k6/http': (ctx) => createHttpModule(ctx, http()) as unknown as Record<string, unknown>,
      'k6/x/sse': (ctx) => createSseModule(ctx, http()) as unknown as Record<string, unknown>,
    },
    scenarioSettings: (name) => scenarios.find((s) => s.name === name) ?? {},
    instance: () => observer.instance(elapsedMs()),
    abort: (message) => {
      abortRun(EXIT_SCRIPT_ABORTED, `test aborted by the script${message ? `: ${message}` : ''}`);
      throw new ScriptAbort(abortReason ?? 'aborted');
    },
    fail: (message) => {
      failedByScript = message ?? 'test.fail() called';
    },
    log: (level, message) => {
      // --quiet hides the progress line and the summary, not the script's own console output (as in k6).
      stderr.write(
        `${level === 'info' ? 'INFO' : level === 'warn' ? 'WARN' : 'ERRO'}[${elapsedClock()}] ${message}\n`,
      );
    },
  };
  const started = performance.now();
  const elapsedClock = (): string => ((performance.now() - started) / 1000).toFixed(1).padStart(5, '0');
  const elapsedMs = (): number => performance.now() - started;

  // The options-parsing instance, also used for setup, teardown and handleSummary (k6 uses fresh ones).
  let main: VirtualUser;
  try {
    main = new VirtualUser(0, script, services);
  } catch (error) {
    await shared?.close();
    throw new UserError(`the script failed in its init code: ${describe(error)}`, EXIT_SCRIPT_EXCEPTION);
  }
  // A named import the engine lacks fails here, at init, with its name (k6 would fail at init too).
  for (const { module, name } of script.namedImports) {
    try {
      const value = (main.require(module) as Record<string, unknown>)[name];
      if (isNotImplemented(value)) (value as () => never)();
    } catch (error) {
      await shared?.close();
      throw new UserError(
        `the script imports ${module}.${name}: ${describe(error).split('\n')[0]}`,
        EXIT_SCRIPT_EXCEPTION,
      );
    }
  }
  testOptions = (
    typeof main.exports.options === 'object' && main.exports.options !== null ? main.exports.options : {}
  ) as Record<string, unknown>;
  services.options = {
    ...(testOptions['discardResponseBodies'] === true ? { discardResponseBodies: true } : {}),
    ...(testOptions['throw'] === true ? { throw: true } : {}),
  };

  const plan = resolveExecution({
    script: testOptions,
    env: options.env,
    ...(options.cli ? { cli: options.cli } : {}),
  });
  scenarios = plan.scenarios;
  for (const scenario of scenarios) {
    if (typeof main.exports[scenario.exec] !== 'function') {
      await shared?.close();
      throw new UserError(
        `scenario '${scenario.name}': exec '${scenario.exec}' is not a function exported by the script`,
        EXIT_INVALID_CONFIG,
      );
    }
  }
  for (const warning of plan.warnings) services.log('warn', warning);
  let thresholds: ThresholdSet | undefined;
  if (options.noThresholds) addExpectedResponseSubmetric(registry);
  else
    thresholds = createThresholdSet(
      testOptions['thresholds'] as Record<string, unknown> | undefined,
      registry,
    );
  if (options.jsonOut !== undefined) {
    json = JsonOutput.open({ path: options.jsonOut, registry, ...(thresholds ? { thresholds } : {}) });
  }

  let setupJson: string | undefined;
  let exitCode = 0;
  let teardownAllowed = true;
  let scheduler: ExecutionScheduler | undefined;
  const progress = startProgress({
    quiet: options.quiet ?? false,
    stderr,
    intervalMs: options.progressIntervalMs,
    elapsedMs,
    scenarios: () => scheduler?.progress() ?? [],
    counters: () => observer.counters(elapsedMs()),
  });
  const vusTimer = setInterval(() => observer.emitVus(), 1000);
  vusTimer.unref();
  try {
    if (typeof main.exports.setup === 'function') {
      try {
        const data = await callWithTimeout(main, 'setup', [], SETUP_TIMEOUT_MS, runController.signal);
        setupJson = data === undefined ? undefined : JSON.stringify(data);
      } catch (error) {
        teardownAllowed = false;
        throw new UserError(`setup() failed: ${describe(error)}`, abortCode ?? EXIT_SCRIPT_EXCEPTION);
      }
    }
    const pool = createVuPool(async (id) => {
      const vu = new VirtualUser(id, script, services);
      vu.setupData = setupJson === undefined ? undefined : JSON.parse(setupJson);
      return vu;
    }, plan.maxPossibleVUs);
    await pool.preinitialize(plan.maxPlannedVUs);
    observer.pool = pool;
    scheduler = new ExecutionScheduler(plan.scenarios, pool, observer, { signal: runController.signal });
    const loop = thresholds
      ? startThresholdLoop(thresholds, {
          elapsedMs,
          onAbort: (error) => abortRun(EXIT_THRESHOLDS_FAILED, error.message),
        })
      : undefined;
    try {
      await scheduler.run();
    } finally {
      progress.stop();
      if (teardownAllowed && typeof main.exports.teardown === 'function') {
        try {
          const data = setupJson === undefined ? undefined : JSON.parse(setupJson);
          await callWithTimeout(main, 'teardown', [data], SETUP_TIMEOUT_MS, undefined);
        } catch (error) {
          services.log('error', `teardown() failed: ${describe(error)}`);
          exitCode = exitCode || EXIT_SCRIPT_EXCEPTION;
        }
      }
      const evaluation = loop?.finalize();
      if (evaluation && evaluation.breached.length > 0 && exitCode === 0) exitCode = EXIT_THRESHOLDS_FAILED;
    }
  } catch (error) {
    if (!(error instanceof ScriptAbort) && !runController.signal.aborted) {
      if (error instanceof UserError) {
        services.log('error', error.message);
        exitCode = error.exitCode;
      } else {
        services.log('error', describe(error));
        exitCode = EXIT_SCRIPT_EXCEPTION;
      }
    }
  } finally {
    progress.stop();
    clearInterval(vusTimer);
    observer.emitVus();
    options.signal?.removeEventListener('abort', onSignal);
  }
  if (abortCode !== undefined) exitCode = abortCode;
  else if (failedByScript !== undefined && exitCode === 0) exitCode = EXIT_TEST_FAILED;

  const scriptStats = testOptions['summaryTrendStats'];
  const trendStats =
    options.summaryTrendStats ??
    (Array.isArray(scriptStats) && scriptStats.every((x) => typeof x === 'string')
      ? (scriptStats as string[])
      : undefined);
  const summary = await writeSummaries({
    main,
    registry,
    groups,
    ...(thresholds ? { thresholds } : {}),
    testRunDurationMs: elapsedMs(),
    ...(trendStats ? { summaryTrendStats: trendStats } : {}),
    setupData: setupJson === undefined ? undefined : JSON.parse(setupJson),
    ...(options.summaryExport ? { summaryExport: options.summaryExport } : {}),
    quiet: options.quiet ?? false,
    noSummary: options.noSummary ?? false,
    stdout: options.stdout ?? process.stdout,
    log: services.log,
  });
  await json?.close();
  await shared?.close();
  const reason = abortReason ?? failedByScript;
  const { iterationsInterrupted, iterationsCompleted } = observer.instance(elapsedMs());
  return { exitCode, summary, iterationsInterrupted, iterationsCompleted, ...(reason ? { reason } : {}) };
}

function httpOptionsFrom(o: Record<string, unknown>): SharedHttpOptions {
  const num = (key: string): number | undefined =>
    typeof o[key] === 'number' ? (o[key] as number) : undefined;
  const maxRedirects = num('maxRedirects');
  const batch = num('batch');
  const batchPerHost = num('batchPerHost');
  return {
    ...(typeof o['userAgent'] === 'string' ? { userAgent: o['userAgent'] } : {}),
    ...(maxRedirects !== undefined ? { maxRedirects } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(batchPerHost !== undefined ? { batchPerHost } : {}),
    ...(o['insecureSkipTLSVerify'] === true ? { insecureSkipTLSVerify: true } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack?.split('\n').slice(0, 4).join('\n') ?? error.message;
  return String(error);
}

// A run as one use case: check everything that can be checked before a folder exists (settings, target, bundle,
// engine, script), then run the load with diagnostics alongside, analyse once, and compute the outcome from what
// was measured. Every verb that runs a profile (stress-test, benchmark, diagnose, demo) comes through here.
import { createRunDir, writeRunMeta, type RunMeta } from '../results/run-store.ts';
import { openRunFiles } from '../results/run-files.ts';
import { gitRevision, hostFacts } from '../results/host-facts.ts';
import type { OutcomeLimits } from '../results/run-outcome.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';
import { startDiagnostics, type DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import { ensureBuilt, validateProfile } from './ensure-built.ts';
import { probeTarget } from './probe-target.ts';
import { fetchServerBuild } from './server-build.ts';
import { chooseEngine, detectK6, type EngineName } from './engine-choice.ts';
import { validateSettings, type ProfileSettings } from './validate-settings.ts';
import { Interrupted, throwIfInterrupted } from './interrupts.ts';
import type { Engine, EngineRunResult } from './engine.ts';
import { concludeRun, type RunProfileResult } from './conclude-run.ts';
import type { Sample } from '../engine/metrics/types.ts';
import { DistributedEngine } from '../distributed/distributed-engine.ts';
import { checkGeneratorsReach, describeGenerators } from '../distributed/resolve-generators.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { EmbeddedEngine } from './engines/embedded-engine.ts';
import { K6ProcessEngine } from './engines/k6-process.ts';

export type { ProfileSettings, RunProfileResult };

export interface RunProfileOptions {
  profile: string;
  settings: ProfileSettings;
  engine: EngineName;
  /** Split the run over these load generators (config's load_generators), merged exactly at the end. */
  generators?: readonly LoadGeneratorConfig[];
  /** Aborted by an interrupt (runner/interrupts.ts): its reason names the signal. */
  signal?: AbortSignal;
  log: (line: string) => void;
  quiet?: boolean;
  deployed?: RunMeta['deployed'];
  /** Sample the server's host, the server and the load generator alongside the load (make diagnose). */
  diagnostics?: DiagnosticsPlan;
  limits?: OutcomeLimits;
  /**
   * Aborting it ends the run on purpose (a capacity step that became steady): the engine stops as on Ctrl-C,
   * but the run is complete, not interrupted; its reason (an Error's message) goes into meta.json's endedEarly.
   */
  endSignal?: AbortSignal;
  /** Every sample as the engine emits it (the embedded engine; a split run's, late and merged in time order). */
  onSample?: (sample: Sample) => void;
  /** The metrics onSample needs (all when undefined). */
  sampleMetrics?: readonly string[];
}

/** Runs `options.profile` and saves it under benchmarks/<id>/; throws before saving anything when it cannot run. */
export async function runProfile(options: RunProfileOptions): Promise<RunProfileResult> {
  const signal = options.signal ?? new AbortController().signal;
  validateProfile(options.profile);
  const settings = validateSettings(options.settings);
  const { engine, stream } = await prepareRun(options, settings, signal);

  const serverBuild = await fetchServerBuild(settings.TARGET_URL);
  throwIfInterrupted(signal);
  const { id, dir } = createRunDir(options.profile);
  const meta: RunMeta = {
    id,
    profile: options.profile,
    engine: engine.name,
    engineVersion: engine.version,
    target: settings.TARGET_URL,
    api: settings.API,
    stream,
    env: settings,
    startedAt: new Date().toISOString(),
    partial: true,
    ...(gitRevision() ? { gitRevision: gitRevision() as string } : {}),
    host: hostFacts(),
    ...(serverBuild ? { serverBuild } : {}),
    toolkitVersion,
    ...(options.deployed ? { deployed: options.deployed } : {}),
  };
  writeRunMeta(dir, meta);
  options.log(`run ${id}: saving to ${dir}`);

  const files = openRunFiles(dir);
  const summaryExport = files.path('summary');
  const jsonOut = files.path('metrics');
  let loadPid: number | undefined;
  const diagnostics = options.diagnostics
    ? await startDiagnostics(options.diagnostics, dir, Date.parse(meta.startedAt), () => loadPid)
    : undefined;
  if (options.diagnostics)
    options.log(
      `diagnostics: sampling every ${options.diagnostics.intervalMs} ms into ${dir}/diagnostics.jsonl`,
    );
  let result: EngineRunResult;
  const end = options.endSignal;
  try {
    result = await engine.run({
      settings,
      summaryExport,
      jsonOut,
      signal: end ? AbortSignal.any([signal, end]) : signal,
      quiet: options.quiet ?? false,
      onPid: (pid) => (loadPid = pid),
      ...(options.onSample ? { onSample: options.onSample } : {}),
      ...(options.sampleMetrics ? { sampleMetrics: options.sampleMetrics } : {}),
    });
  } catch (error) {
    result = { exitCode: 255, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await diagnostics?.stop();
  }
  const interruptedBy = signal.aborted && signal.reason instanceof Interrupted ? signal.reason.by : undefined;
  const endedEarly = interruptedBy === undefined && end?.aborted ? describeEnd(end.reason) : undefined;
  return concludeRun({
    dir,
    meta,
    files,
    result,
    log: options.log,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(interruptedBy === undefined ? {} : { interruptedBy }),
    ...(endedEarly === undefined ? {} : { endedEarly }),
  });
}

function describeEnd(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** Builds, probes and prepares the engine; an interrupt (or a failure caused by one) stops it with Interrupted. */
async function prepareRun(
  options: RunProfileOptions,
  settings: ProfileSettings,
  signal: AbortSignal,
): Promise<{ engine: Engine; stream: boolean }> {
  try {
    throwIfInterrupted(signal);
    const bundles = await ensureBuilt(options.profile);
    if (bundles.rebuilt) options.log('profiles rebuilt into dist/k6/');
    throwIfInterrupted(signal);
    options.log(`probe: ${await probeTarget(settings.TARGET_URL, settings.API, 5000, signal)}`);
    const stream = settings.STREAM !== 'false';
    if (options.generators && options.generators.length > 0) {
      checkGeneratorsReach(options.generators, settings.TARGET_URL);
      options.log(`engine: distributed over ${describeGenerators(options.generators)}`);
      if (options.engine !== 'auto')
        options.log(`--engine ${options.engine} is not used: each load generator names its own engine`);
      // A k6 part needs the k6/x/sse extension for the streaming bundle, as ENGINE=k6 does.
      const bundle = stream ? bundles.file : bundles.httpFile;
      return { engine: new DistributedEngine(options.generators, bundle, options.log), stream };
    }
    const choice = chooseEngine(
      options.engine,
      stream,
      options.engine === 'embedded' ? undefined : detectK6(),
    );
    options.log(`engine: ${choice.why}`);
    const engine: Engine =
      choice.engine === 'embedded'
        ? new EmbeddedEngine(bundles.file)
        : new K6ProcessEngine(
            choice.k6Bin ?? 'k6',
            choice.bundle === 'http' ? bundles.httpFile : bundles.file,
          );
    throwIfInterrupted(signal);
    await engine.prepare();
    throwIfInterrupted(signal);
    return { engine, stream };
  } catch (error) {
    // Ctrl-C reaches esbuild's service too ("The service was stopped"): the interrupt is the cause.
    throwIfInterrupted(signal);
    throw error;
  }
}

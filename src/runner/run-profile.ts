// A run as one use case: check everything that can be checked before a folder exists (settings, target, bundle,
// engine, script), then run the load with diagnostics alongside, analyse once, and compute the outcome from what
// was measured. Every verb that runs a profile (stress-test, benchmark, diagnose, demo) comes through here.
import { rmSync } from 'node:fs';
import { createRunDir, writeRunMeta, type RunMeta } from '../results/run-store.ts';
import { openRunFiles, RUN_FILES, type RunFiles } from '../results/run-files.ts';
import { loadSummaryExport } from '../results/summary-export.ts';
import { describeMetricsDamage } from '../results/describe-metrics-damage.ts';
import { describeDamage, DamagedRunFileError } from '../results/damaged-run-file.ts';
import { gitRevision, hostFacts } from '../results/host-facts.ts';
import { summarizeExport, type LlmRunSummary } from '../results/llm-summary.ts';
import { scanRunMetrics, type RunMetricScan } from '../results/scan-run-metrics.ts';
import { computeOutcome, type OutcomeLimits, type RunOutcome } from '../results/run-outcome.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';
import { startDiagnostics, type DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import { ensureBuilt, validateProfile } from './ensure-built.ts';
import { probeTarget } from './probe-target.ts';
import { fetchServerBuild } from './server-build.ts';
import { chooseEngine, detectK6, type EngineName } from './engine-choice.ts';
import { validateSettings, type ProfileSettings } from './validate-settings.ts';
import { Interrupted, throwIfInterrupted } from './interrupts.ts';
import type { Engine, EngineRunResult } from './engine.ts';
import type { Sample } from '../engine/metrics/types.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { DistributedEngine } from '../distributed/distributed-engine.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { EmbeddedEngine } from './engines/embedded-engine.ts';
import { K6ProcessEngine } from './engines/k6-process.ts';

export type { ProfileSettings };

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
  /** Every sample as the engine emits it (the embedded engine only). */
  onSample?: (sample: Sample) => void;
}

/** A finished run: its folder, meta.json as written, and the analysis every reader shares. */
export interface RunProfileResult {
  meta: RunMeta;
  dir: string;
  /** The run folder as read so far: verdicts and reports given it read no file twice. */
  files: RunFiles;
  outcome: RunOutcome;
  /** The LLM view of summary.json; undefined when the engine wrote none. */
  summary: LlmRunSummary | undefined;
  scan: RunMetricScan | undefined;
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
    });
  } catch (error) {
    result = { exitCode: 255, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await diagnostics?.stop();
  }
  meta.endedAt = new Date().toISOString();
  const seconds = (Date.parse(meta.endedAt) - Date.parse(meta.startedAt)) / 1000;
  const summary = readSummary(files, seconds, options.log);
  const scan = files.has('metrics')
    ? await scanRunMetrics(files, summary?.thresholds.map((t) => t.metric) ?? [])
    : undefined;
  const damage =
    scan && describeMetricsDamage(jsonOut, RUN_FILES.metrics, scan.stats, Date.parse(meta.startedAt));
  if (damage) options.log(`warning: ${describeDamage(damage)}`);
  const interruptedBy = signal.aborted && signal.reason instanceof Interrupted ? signal.reason.by : undefined;
  const endedEarly = interruptedBy === undefined && end?.aborted ? describeEnd(end.reason) : undefined;
  // Ended on purpose: the engine's "interrupted" (105, as on Ctrl-C) is the end the caller asked for.
  if (endedEarly !== undefined && result.exitCode === EXIT_INTERRUPTED) {
    const { reason: _reason, ...rest } = result;
    result = { ...rest, exitCode: 0 };
  }
  const outcome = computeOutcome({
    engineExitCode: result.exitCode,
    ...(result.reason ? { engineReason: result.reason } : {}),
    ...(interruptedBy ? { interruptedBy } : {}),
    requests: summary?.requests ?? 0,
    failed: summary?.failed ?? 0,
    errorKinds: scan?.errorCounts ?? {},
    ...(result.iterationsCompleted === undefined ? {} : { iterationsComplete: result.iterationsCompleted }),
    ...(result.iterationsInterrupted === undefined
      ? {}
      : { iterationsInterrupted: result.iterationsInterrupted }),
    thresholds: (summary?.thresholds ?? []).map((t) => ({
      ...t,
      samples: scan?.samples[t.metric] ?? (scan ? 0 : undefined),
    })),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (interruptedBy && (summary?.requests ?? 0) === 0) {
    // Nothing finished before the interrupt: a folder would only be a junk run that becomes `latest`.
    rmSync(dir, { recursive: true, force: true });
    throw new Interrupted(interruptedBy, result.iterationsInterrupted);
  }
  meta.exitCode = outcome.exitCode;
  meta.engineExitCode = result.exitCode;
  meta.partial = interruptedBy !== undefined || result.exitCode === 255 || result.partial === true;
  if (result.distributed) meta.distributed = result.distributed;
  meta.outcome = { status: outcome.status, reasons: outcome.reasons };
  if (endedEarly !== undefined) meta.endedEarly = endedEarly;
  const reason = outcome.reasons[0] ?? result.reason;
  if (reason) meta.reason = reason;
  writeRunMeta(dir, meta);
  return { meta, dir, files, outcome, summary, scan };
}

function describeEnd(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** summary.json's LLM view; undefined (and said) when the engine wrote none or it is damaged. */
function readSummary(
  files: RunFiles,
  seconds: number,
  log: (line: string) => void,
): LlmRunSummary | undefined {
  try {
    const exported = loadSummaryExport(files);
    return exported ? summarizeExport(exported, seconds) : undefined;
  } catch (error) {
    if (!(error instanceof DamagedRunFileError)) throw error;
    log(`warning: ${describeDamage(error.damage)}`);
    return undefined;
  }
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
      const names = options.generators.map((g) => `${g.name} (${g.engine} on ${g.host.name})`);
      options.log(`engine: distributed over ${names.length} load generators: ${names.join(', ')}`);
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

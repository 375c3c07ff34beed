import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runTest } from '../engine/run/run-test.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { createRunDir, RUN_FILES, writeRunMeta, type RunMeta } from '../results/run-store.ts';
import { gitRevision, hostFacts } from '../results/host-facts.ts';
import { projectRoot } from '../util/paths.ts';
import { systemEnv } from '../util/system-env.ts';
import { ensureBuilt } from './ensure-built.ts';
import { probeTarget } from './probe-target.ts';
import { fetchServerBuild } from './server-build.ts';
import { chooseEngine, detectK6, type EngineName } from './engine-choice.ts';
import {
  startDiagnostics,
  type DiagnosticsPlan,
  type RunningDiagnostics,
} from '../diagnose/run-diagnostics.ts';

/** The profile environment contract (docs/profiles.md), as the user set it. */
export interface ProfileSettings {
  TARGET_URL: string;
  API: string;
  STREAM: string;
  [key: string]: string;
}

export interface RunProfileOptions {
  profile: string;
  settings: ProfileSettings;
  engine: EngineName;
  signal?: AbortSignal;
  log: (line: string) => void;
  quiet?: boolean;
  deployed?: RunMeta['deployed'];
  /** Sample the server's host, the server and the load generator alongside the load (make diagnose). */
  diagnostics?: DiagnosticsPlan;
}

export interface RunProfileResult {
  meta: RunMeta;
  dir: string;
}

const toolkitVersion = (
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** `make stress-test`: build if stale, probe, run on the chosen engine, save everything under benchmarks/<id>/. */
export async function runProfile(options: RunProfileOptions): Promise<RunProfileResult> {
  const bundles = await ensureBuilt(options.profile);
  if (bundles.rebuilt) options.log('profiles rebuilt into dist/k6/');
  options.log(`probe: ${await probeTarget(options.settings.TARGET_URL, options.settings.API)}`);
  const stream = options.settings.STREAM !== 'false';
  const choice = chooseEngine(options.engine, stream, options.engine === 'embedded' ? undefined : detectK6());
  options.log(`engine: ${choice.why}`);

  const serverBuild = await fetchServerBuild(options.settings.TARGET_URL);
  const { id, dir } = createRunDir(options.profile);
  const meta: RunMeta = {
    id,
    profile: options.profile,
    engine: choice.engine,
    engineVersion: choice.engine === 'k6' ? (choice.k6Bin ?? 'k6') : `inferload ${toolkitVersion}`,
    target: options.settings.TARGET_URL,
    api: options.settings.API,
    stream,
    env: options.settings,
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

  const summaryExport = join(dir, RUN_FILES.summary);
  const jsonOut = join(dir, RUN_FILES.metrics);
  let exitCode: number;
  let reason: string | undefined;
  let k6Pid: number | undefined;
  let diagnostics: RunningDiagnostics | undefined;
  if (options.diagnostics) {
    diagnostics = await startDiagnostics(options.diagnostics, dir, Date.parse(meta.startedAt), () => k6Pid);
    options.log(
      `diagnostics: sampling every ${options.diagnostics.intervalMs} ms into ${dir}/diagnostics.jsonl`,
    );
  }
  try {
    if (choice.engine === 'embedded') {
      const result = await runTest({
        scriptPath: bundles.file,
        env: { ...systemEnv(), ...options.settings },
        summaryExport,
        jsonOut,
        quiet: options.quiet ?? false,
        noSummary: true,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      exitCode = result.exitCode;
      reason = result.reason;
    } else {
      exitCode = await runK6(
        choice.k6Bin ?? 'k6',
        choice.bundle === 'http' ? bundles.httpFile : bundles.file,
        options,
        summaryExport,
        jsonOut,
        (pid) => (k6Pid = pid),
      );
    }
  } catch (error) {
    exitCode = 255;
    reason = error instanceof Error ? error.message : String(error);
  } finally {
    await diagnostics?.stop();
  }
  meta.endedAt = new Date().toISOString();
  meta.exitCode = exitCode;
  meta.partial = exitCode === EXIT_INTERRUPTED || exitCode === 255;
  if (reason) meta.reason = reason;
  writeRunMeta(dir, meta);
  return { meta, dir };
}

function runK6(
  bin: string,
  script: string,
  options: RunProfileOptions,
  summaryExport: string,
  jsonOut: string,
  onSpawn: (pid: number | undefined) => void,
): Promise<number> {
  const args = ['run', '--summary-export', summaryExport, '--out', `json=${jsonOut}`];
  for (const [key, value] of Object.entries(options.settings)) args.push('-e', `${key}=${value}`);
  args.push(script);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit' });
    onSpawn(child.pid);
    const forward = (): void => {
      child.kill('SIGINT');
    };
    options.signal?.addEventListener('abort', forward, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', forward);
      resolve(code ?? 255);
    });
  });
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { DeployedRecord } from '../deploy/deployed-record.ts';
import { UserError } from '../util/errors.ts';
import { ENGINES, type EngineName } from '../runner/engine-choice.ts';
import { runProfile, type ProfileSettings, type RunProfileResult } from '../runner/run-profile.ts';
import { startLocal } from '../local/start.ts';
import { stopLocal } from '../local/stop.ts';
import { RUN_FILES } from '../results/run-store.ts';
import { summarizeLlmRun } from '../results/llm-summary.ts';
import { countErrorsByKind } from '../results/errors-by-kind.ts';
import { renderTerminalSummary } from '../report/terminal-summary.ts';
import type { DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';

export interface StressFlags {
  profile: string;
  target?: string;
  api: string;
  model: string;
  stream: string;
  maxTokens: string;
  prompts: string;
  timeScale: string;
  mode: string;
  rate?: string;
  engine: string;
  env: Record<string, string>;
  /** The deployment the run is stamped with (make benchmark). */
  deployed?: DeployedRecord;
  /** Sample telemetry alongside the load (make diagnose): the plan for the target the run ends up using. */
  diagnostics?: (target: { url: string; localPid?: number }) => Promise<DiagnosticsPlan>;
}

function collectPair(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UserError(`--env: expected KEY=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** `inferload stress-test` (make stress-test): one profile against a target, saved under benchmarks/. */
export function registerStressTest(program: Command): void {
  const command = program
    .command('stress-test')
    .description('run a load profile against a target and save the run under benchmarks/')
    .option('--profile <name>', 'light, medium, heavy, saturation or soak', 'light')
    .option('--target <url>', 'the server (default: the local target, started if needed)');
  addProfileOptions(command).action(async (flags: StressFlags) => {
    await stressTest(flags);
  });
}

/** The profile environment contract as options, shared by every verb that runs a profile. */
export function addProfileOptions(command: Command): Command {
  return command
    .option('--api <api>', 'openai, llamacpp or ollama', 'openai')
    .option('--model <name>', 'model name sent with each request', 'default')
    .option('--stream <bool>', 'stream responses (TTFT, ITL need it)', 'true')
    .option('--max-tokens <n>', 'output tokens per request', '128')
    .option('--prompts <set>', 'short, medium, long, shared-prefix or a ShareGPT file', 'short')
    .option('--time-scale <x>', 'multiplies every stage: 0.05 turns 10 minutes into 30 s', '1')
    .option('--mode <mode>', 'vus (closed loop) or rate (open loop, arrival rate)', 'vus')
    .option('--rate <n>', 'peak requests/s for --mode rate')
    .option('--engine <name>', `one of ${ENGINES.join(', ')}`, 'auto')
    .option('-e, --env <KEY=VALUE>', 'another profile variable (repeatable)', collectPair, {});
}

/** Runs one profile as the flags say, and fails with the run's exit code when it did not pass. */
export async function stressTest(flags: StressFlags): Promise<RunProfileResult> {
  const result = await runStress(flags);
  const { meta } = result;
  if (meta.exitCode)
    throw new UserError(meta.reason ?? `the run exited with code ${meta.exitCode}`, meta.exitCode);
  return result;
}

/** Runs one profile and saves it; the local target is started, and stopped afterwards, when none is given. */
export async function runStress(flags: StressFlags): Promise<RunProfileResult> {
  const engine = ENGINES.find((e) => e === flags.engine);
  if (!engine) throw new UserError(`--engine: expected one of ${ENGINES.join(', ')}, got '${flags.engine}'`);
  let startedLocal = false;
  let target = flags.target;
  let localPid: number | undefined;
  if (!target) {
    const local = await startLocal({
      slots: 4,
      threads: 2,
      ctxPerSlot: 2048,
      backend: 'auto',
      log: (l) => console.error(l),
    });
    if (local.fallbackReason)
      console.error(`note: llama-server cannot run here (${local.fallbackReason}); using the simulator`);
    startedLocal = !local.alreadyRunning;
    target = local.state.url;
    localPid = local.state.pid;
    console.error(`target: local ${local.state.kind} at ${target}`);
  }
  const settings: ProfileSettings = {
    ...flags.env,
    TARGET_URL: target,
    API: flags.api,
    MODEL: flags.model,
    STREAM: flags.stream,
    MAX_TOKENS: flags.maxTokens,
    PROMPTS: flags.prompts,
    TIME_SCALE: flags.timeScale,
    MODE: flags.mode,
    ...(flags.rate ? { RATE: flags.rate } : {}),
  };
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) process.kill(process.pid, 'SIGKILL');
    console.error('\ninterrupted: stopping the load, keeping what was measured');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const diagnostics = flags.diagnostics
      ? await flags.diagnostics({ url: target, ...(localPid === undefined ? {} : { localPid }) })
      : undefined;
    const result = await runProfile({
      profile: flags.profile,
      settings,
      engine: engine as EngineName,
      signal: interrupt.signal,
      log: (line) => console.error(line),
      ...(flags.deployed ? { deployed: flags.deployed } : {}),
      ...(diagnostics ? { diagnostics } : {}),
    });
    const { meta, dir } = result;
    await printEndSummary(dir, meta.startedAt, meta.endedAt ?? new Date().toISOString());
    console.log(`saved: ${dir}${meta.partial ? ' (partial)' : ''}`);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (startedLocal) console.error((await stopLocal()).message);
  }
}

async function printEndSummary(dir: string, startedAt: string, endedAt: string): Promise<void> {
  const summaryPath = join(dir, RUN_FILES.summary);
  if (!existsSync(summaryPath)) {
    console.log('no summary was written');
    return;
  }
  const seconds = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
  const metricsPath = join(dir, RUN_FILES.metrics);
  const errors = existsSync(metricsPath) ? await countErrorsByKind(metricsPath) : {};
  console.log(renderTerminalSummary(summarizeLlmRun(summaryPath, seconds), errors));
}

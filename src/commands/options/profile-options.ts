// The profile environment contract as command-line options, shared by every verb that runs a profile, and the
// end of such a verb: the summary printed, the outcome's exit code returned.
import { Option, type Command } from 'commander';
import { PROFILE_CHOICES, PROFILE_DEFAULTS } from '../../../profiles/lib/defaults.ts';
import { requestModel } from '../../config/request-model.ts';
import type { ServerConfig } from '../../config/types.ts';
import { UserError } from '../../util/errors.ts';
import { parseShare } from '../../util/parse-number.ts';
import { ENGINES, type EngineName } from '../../runner/engine-choice.ts';
import type { RunProfileResult } from '../../runner/run-profile.ts';
import type { LoadRequest } from '../../runner/run-load.ts';
import { DEFAULT_OUTCOME_LIMITS, type OutcomeLimits } from '../../results/run-outcome.ts';
import { renderTerminalSummary } from '../../report/terminal-summary.ts';
import { renderTerminalOutcome } from '../../report/terminal-outcome.ts';

/** The profile's own variables (what a run sends, and how): every verb that runs or exports a profile. */
export interface ProfileVariableFlags {
  api: string;
  model: string;
  stream: string;
  maxTokens: string;
  prompts: string;
  timeScale: string;
  mode: string;
  rate?: string;
  env: Record<string, string>;
}

/** The variables, and how a run here goes: its engine and the outcome's limits. */
export interface ProfileFlags extends ProfileVariableFlags {
  engine: string;
  maxErrorShare?: string;
  maxInterruptedShare?: string;
}

function collectPair(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UserError(`--env: expected KEY=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/**
 * Adds the contract's options (defaults and choices from profiles/lib/defaults.ts) to `command`; `limits`
 * replaces the outcome's default limits for a verb that saturates on purpose (diagnose).
 */
export function addProfileOptions(command: Command, limits: OutcomeLimits = DEFAULT_OUTCOME_LIMITS): Command {
  addProfileVariableOptions(command).addOption(
    new Option('--engine <name>', 'the engine').choices(ENGINES).default('auto'),
  );
  return addOutcomeLimitOptions(command, limits);
}

/** The profile's variables as options (a `k8s export` writes them into the manifests, runs nothing here). */
export function addProfileVariableOptions(command: Command): Command {
  const d = PROFILE_DEFAULTS;
  return command
    .addOption(new Option('--api <api>', 'the API to call').choices(PROFILE_CHOICES.API).default(d.API))
    .option('--model <name>', 'model name sent with each request', d.MODEL)
    .addOption(
      new Option('--stream <bool>', 'stream responses (TTFT, ITL need it)')
        .choices(PROFILE_CHOICES.STREAM)
        .default(d.STREAM),
    )
    .option('--max-tokens <n>', 'output tokens per request', d.MAX_TOKENS)
    .option('--prompts <set>', 'short, medium, long, shared-prefix or a ShareGPT file', d.PROMPTS)
    .option('--time-scale <x>', 'multiplies every stage: 0.05 turns 10 minutes into 30 s', d.TIME_SCALE)
    .addOption(
      new Option('--mode <mode>', 'vus (closed loop) or rate (open loop, arrival rate)')
        .choices(PROFILE_CHOICES.MODE)
        .default(d.MODE),
    )
    .option('--rate <n>', 'peak requests/s for --mode rate')
    .option('-e, --env <KEY=VALUE>', 'another profile variable (repeatable)', collectPair, {});
}

/** --max-error-share and --max-interrupted-share, with `limits` as their defaults. */
export function addOutcomeLimitOptions(
  command: Command,
  limits: OutcomeLimits = DEFAULT_OUTCOME_LIMITS,
): Command {
  return command
    .option(
      '--max-error-share <x>',
      'failed share of requests above which the run failed, whatever the thresholds say',
      String(limits.maxErrorShare),
    )
    .option(
      '--max-interrupted-share <x>',
      'share of iterations cut off mid-request above which the run failed',
      String(limits.maxInterruptedShare),
    );
}

/** The flags' defaults, for verbs that run a profile without offering every option (benchmark, demo). */
export function defaultProfileFlags(overrides: Partial<ProfileFlags> = {}): ProfileFlags {
  const d = PROFILE_DEFAULTS;
  return {
    api: d.API,
    model: d.MODEL,
    stream: d.STREAM,
    maxTokens: d.MAX_TOKENS,
    prompts: d.PROMPTS,
    timeScale: d.TIME_SCALE,
    mode: d.MODE,
    engine: 'auto',
    env: {},
    ...overrides,
  };
}

/** The outcome's limits from --max-error-share and --max-interrupted-share (defaults where unset). */
export function limitsFrom(
  flags: Pick<ProfileFlags, 'maxErrorShare' | 'maxInterruptedShare'>,
): OutcomeLimits {
  const d = DEFAULT_OUTCOME_LIMITS;
  return {
    maxErrorShare: parseShare('--max-error-share', flags.maxErrorShare, d.maxErrorShare),
    maxInterruptedShare: parseShare(
      '--max-interrupted-share',
      flags.maxInterruptedShare,
      d.maxInterruptedShare,
    ),
  };
}

/** The flags with the server's own model when `--model` was left at its default (a vLLM or Ollama server 404s
 * any other name). */
export function withServerModel<F extends ProfileFlags>(
  flags: F,
  server: Pick<ServerConfig, 'kind' | 'model'> | undefined,
): F {
  return server && flags.model === PROFILE_DEFAULTS.MODEL ? { ...flags, model: requestModel(server) } : flags;
}

/** The runner's request for `profile` from the flags. */
export function loadRequestFrom(
  profile: string,
  target: string | undefined,
  flags: ProfileFlags,
): LoadRequest {
  return {
    profile,
    ...(target ? { target } : {}),
    settings: profileSettingsFrom(flags),
    engine: flags.engine as EngineName,
    log: (line) => console.error(line),
    limits: limitsFrom(flags),
  };
}

/** The profile's variables from the flags (all but TARGET_URL). */
export function profileSettingsFrom(flags: ProfileVariableFlags): LoadRequest['settings'] {
  return {
    ...flags.env,
    API: flags.api,
    MODEL: flags.model,
    STREAM: flags.stream,
    MAX_TOKENS: flags.maxTokens,
    PROMPTS: flags.prompts,
    TIME_SCALE: flags.timeScale,
    MODE: flags.mode,
    ...(flags.rate ? { RATE: flags.rate } : {}),
  };
}

/** Prints the end of a run (LLM summary, thresholds, outcome, folder). */
export function printRunEnd(result: RunProfileResult): void {
  const { summary, scan, outcome, dir, meta } = result;
  console.log(
    summary
      ? renderTerminalSummary(summary, scan?.errorCounts ?? {}, scan?.errorMessages ?? {})
      : 'no summary was written',
  );
  console.log('');
  console.log(renderTerminalOutcome(outcome));
  console.log(`saved: ${dir}${meta.partial ? ' (partial)' : ''}`);
}

/**
 * Fails with the outcome's exit code when the run did not pass; `thresholdsAllowed` for verbs that push a server
 * past its thresholds on purpose (diagnose saturates it), where only a run that did not serve fails.
 */
export function failUnlessPassed(result: RunProfileResult, thresholdsAllowed = false): void {
  const { outcome } = result;
  if (outcome.exitCode === 0 || (thresholdsAllowed && outcome.status === 'thresholds_failed')) return;
  throw new UserError(
    `run ${outcome.status.replace('_', ' ')}${outcome.reasons[0] ? `: ${outcome.reasons[0]}` : ''}`,
    outcome.exitCode,
  );
}

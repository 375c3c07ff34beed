import { Option, type Command } from 'commander';
import { PROFILE_CHOICES, PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';
import { formatRate } from '../capacity/format-rate.ts';
import { runCapacity, CAPACITY_FILE } from '../capacity/run-capacity.ts';
import { DEFAULT_SEARCH } from '../capacity/search-capacity.ts';
import type { CapacityRecord } from '../capacity/types.ts';
import { requestModel } from '../config/request-model.ts';
import { diagnosticsPlanner } from '../diagnose/diagnostics-plan.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import { writeCapacityReport } from '../report/capacity/write-capacity-report.ts';
import { DEFAULT_SLO_OBJECTIVE, parseObjective } from '../results/objective-defaults.ts';
import { EXIT_RUN_FAILED } from '../results/run-outcome.ts';
import { acquireTarget } from '../runner/acquire-target.ts';
import { ENGINES, type EngineName } from '../runner/engine-choice.ts';
import { normalizeTarget } from '../runner/target-url.ts';
import { UserError } from '../util/errors.ts';
import { openDeployedServer } from './options/deployed-server.ts';
import { addGeneratorsOption } from './options/generators-option.ts';
import { generatorsFrom } from '../distributed/resolve-generators.ts';
import { parseIntOption, parseShare } from '../util/parse-number.ts';
import { join } from 'node:path';

interface CapacityFlags {
  target?: string;
  server?: string;
  config?: string;
  generators?: string;
  objective: string;
  api: string;
  model: string;
  stream: string;
  maxTokens: string;
  prompts: string;
  engine: string;
  stepSeconds: string;
  minSeconds: string;
  precision: string;
  probeUsers: string;
  maxSteps: string;
  interval: string;
}

/** `inferload capacity` (make capacity): the maximum sustainable rate, the breaking point and the knee. */
export function registerCapacity(program: Command): void {
  const d = PROFILE_DEFAULTS;
  const command = program
    .command('capacity')
    .description(
      'find the maximum sustainable rate under an objective, the breaking point and the knee (docs/capacity.md)',
    )
    .option('--target <url>', 'a server (default: the local target, or --server)')
    .option('--server <name>', 'a deployed server from the config: its host is sampled over SSH')
    .option('--config <path>', 'the config file (with --server or --generators)')
    .option(
      '--objective <list>',
      'what a sustainable rate must hold (default: $INFERLOAD_OBJECTIVE, else this)',
      process.env['INFERLOAD_OBJECTIVE'] || DEFAULT_SLO_OBJECTIVE,
    )
    .addOption(new Option('--api <api>', 'the API to call').choices(PROFILE_CHOICES.API).default(d.API))
    .option('--model <name>', 'model name sent with each request', d.MODEL)
    .addOption(
      new Option('--stream <bool>', 'stream responses').choices(PROFILE_CHOICES.STREAM).default(d.STREAM),
    )
    .option('--max-tokens <n>', 'output tokens per request', d.MAX_TOKENS)
    .option('--prompts <set>', 'short, medium, long, shared-prefix or a ShareGPT file', d.PROMPTS)
    .addOption(new Option('--engine <name>', 'the engine').choices(ENGINES).default('auto'))
    .option('--step-seconds <s>', 'time cap of one step', '60')
    .option('--min-seconds <s>', 'shortest judged window before a step may end as steady', '20')
    .option('--precision <x>', 'bisect until the passing and failing rates are this close', '5%')
    .option('--probe-users <n>', 'users of the throughput probe', String(DEFAULT_SEARCH.probeUsers))
    .option('--max-steps <n>', 'most rate steps of the search', String(DEFAULT_SEARCH.maxRateSteps))
    .option('--interval <ms>', "diagnose's sampling interval in the confirmation step", '1000');
  addGeneratorsOption(command).action((flags: CapacityFlags) => capacity(flags));
}

async function capacity(flags: CapacityFlags): Promise<void> {
  const objective = parseObjective(flags.objective);
  const capSeconds = parseIntOption('--step-seconds', flags.stepSeconds, 5, 3600);
  const minSeconds = parseIntOption('--min-seconds', flags.minSeconds, 2, capSeconds);
  const precision = parseShare('--precision', flags.precision, DEFAULT_SEARCH.precision);
  if (!(precision > 0))
    throw new UserError(`--precision: expected a share above 0, got '${flags.precision}'`);
  const search = {
    ...DEFAULT_SEARCH,
    precision,
    probeUsers: parseIntOption('--probe-users', flags.probeUsers, 1, 1000),
    maxRateSteps: parseIntOption('--max-steps', flags.maxSteps, 1, 50),
  };
  const intervalMs = parseIntOption('--interval', flags.interval, 100, 60_000);
  const log = (line: string): void => console.error(line);
  const generators = await generatorsFrom(flags.generators, flags.config);
  const opened = await openDeployedServer(flags);
  const host = opened?.host;
  const deployed = opened?.deployed;
  const model =
    opened?.server && flags.model === PROFILE_DEFAULTS.MODEL ? requestModel(opened.server) : flags.model;
  const given = deployed?.baseUrl ?? (flags.target === undefined ? undefined : normalizeTarget(flags.target));
  const target = await acquireTarget(given, log);
  try {
    const planner = diagnosticsPlanner({
      intervalMs,
      api: flags.api,
      ...(host ? { host } : {}),
      warn: (line) => log(`capacity: ${line}`),
    });
    // Every step gets the URL; the pid is known only when this command started the local target.
    const diagnostics = ({ url }: { url: string }) =>
      planner({ url, ...(target.localPid === undefined ? {} : { localPid: target.localPid }) });
    const { record, dir } = await runCapacity({
      context: {
        request: {
          api: flags.api,
          model,
          stream: flags.stream !== 'false',
          maxTokens: flags.maxTokens,
          prompts: flags.prompts,
        },
        engine: flags.engine as EngineName,
        ...(generators ? { generators } : {}),
        objective,
        capSeconds,
        minSeconds,
        log,
        ...(deployed ? { deployed } : {}),
      },
      target: target.url,
      ...(flags.server ? { server: flags.server } : {}),
      objective: flags.objective,
      search,
      diagnostics,
      ...(host ? { preset: host.preset } : {}),
      render: (folder, saved) => writeCapacityReport(folder, saved),
    });
    printCapacity(record, dir);
    if (record.partial) process.exitCode = EXIT_INTERRUPTED;
    else if (!record.maxSustainable) process.exitCode = EXIT_RUN_FAILED;
  } finally {
    await target.release();
    await host?.session.close();
  }
}

function printCapacity(record: CapacityRecord, dir: string): void {
  const rate = (r: number | undefined): string => (r === undefined ? '-' : formatRate(r));
  console.log('');
  console.log(
    `max sustainable  ${rate(record.maxSustainable?.rate)}${record.maxSustainable ? `  (${record.maxSustainable.why})` : ''}`,
  );
  console.log(
    `breaking point   ${rate(record.breakingPoint?.rate)}${record.breakingPoint ? `  (${record.breakingPoint.why})` : ''}`,
  );
  console.log(
    `knee             ${record.knee ? `${rate(record.knee.rate)} at ${record.knee.inFlight.toFixed(1)} in flight` : '-'}`,
  );
  if (record.verdict) {
    console.log(`verdict          ${record.verdict.summary}`);
    console.log(`recommendation   ${record.verdict.recommendation}`);
  }
  for (const note of record.notes) console.log(`note             ${note}`);
  if (record.partial) console.log(`partial          ${record.partialReason ?? ''}`);
  console.log(
    `steps            ${record.steps.length}, ${record.steps.reduce((s, x) => s + x.seconds, 0).toFixed(0)} s of load`,
  );
  console.log(`saved: ${join(dir, CAPACITY_FILE)}`);
  console.log(`report: ${join(dir, 'capacity.html')}`);
}

import type { Command } from 'commander';
import { diagnosticsPlanner } from '../diagnose/diagnostics-plan.ts';
import { judgeRun } from '../diagnose/judge-run.ts';
import { renderTerminalDiagnosis } from '../report/terminal-diagnosis.ts';
import { parseIntOption } from '../util/parse-number.ts';
import { resolveRun } from '../results/resolve-run.ts';
import { DEFAULT_OUTCOME_LIMITS } from '../results/run-outcome.ts';
import { runLoad } from '../runner/run-load.ts';
import {
  addProfileOptions,
  failUnlessPassed,
  loadRequestFrom,
  withServerModel,
  printRunEnd,
  type ProfileFlags,
} from './options/profile-options.ts';
import { openDeployedServer } from './options/deployed-server.ts';

interface DiagnoseFlags extends ProfileFlags {
  profile: string;
  target?: string;
  interval: string;
  server?: string;
  config?: string;
  run?: string;
}

/** `inferload diagnose` (make diagnose): a profile with telemetry sampled alongside, then the verdict. */
export function registerDiagnose(program: Command): void {
  const command = program
    .command('diagnose')
    .description(
      'run a profile while sampling the server host, the server and the client; name the bottleneck',
    )
    .option('--profile <name>', 'the load profile', 'heavy')
    .option('--target <url>', 'a server on this machine (default: the local target, or --server)')
    .option('--server <name>', 'a deployed server from the config: its host is sampled over SSH')
    .option('--config <path>', 'the config file (with --server)')
    .option('--interval <ms>', 'milliseconds between samples', '1000')
    .option('--run <id>', 'judge a saved run again instead of running one');
  // Saturating is the point: requests still queued when the profile ends are expected, not a failure (the
  // outcome still says how many were cut off). A run that served nothing still fails.
  addProfileOptions(command, { ...DEFAULT_OUTCOME_LIMITS, maxInterruptedShare: 1 }).action(
    (flags: DiagnoseFlags) => diagnose(flags),
  );
}

async function diagnose(flags: DiagnoseFlags): Promise<void> {
  if (flags.run) {
    const dir = resolveRun(flags.run);
    console.log(renderTerminalDiagnosis(await judgeRun(dir)));
    return;
  }
  const intervalMs = parseIntOption('--interval', flags.interval, 100, 60_000);
  const opened = await openDeployedServer(flags);
  const host = opened?.host;
  if (host?.pidProblem) console.error(`diagnose: the server process is not sampled: ${host.pidProblem}`);
  const deployed = opened?.deployed;
  const target = deployed?.baseUrl ?? flags.target;
  const runFlags = opened ? withServerModel(flags, opened.server) : flags;
  const plan = diagnosticsPlanner({
    intervalMs,
    api: flags.api,
    ...(host ? { host } : {}),
    warn: (line) => console.error(`diagnose: ${line}`),
  });
  try {
    const result = await runLoad({
      ...loadRequestFrom(flags.profile, target, runFlags),
      diagnostics: plan,
      ...(deployed ? { deployed } : {}),
    });
    printRunEnd(result);
    const { files } = result;
    console.log('');
    console.log(renderTerminalDiagnosis(await judgeRun(files, host?.preset)));
    console.log(`diagnosis: ${files.path('diagnosis')}`);
    failUnlessPassed(result, true);
  } finally {
    await host?.session.close();
  }
}

// `inferload soak` (make soak): the soak profile with diagnostics sampled and the server's port watched, then
// the soak verdicts (leak, drift, error bursts, restarts) printed, written to soak-verdicts.json and reported.
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { requireDeployedRecord, type DeployedRecord } from '../deploy/deployed-record.ts';
import type { DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import { openServerHost } from '../diagnose/server-host.ts';
import type { ContainerLook } from '../diagnose/soak/find-restarts.ts';
import { judgeSoakRun } from '../diagnose/soak/judge-soak-run.ts';
import { inspectContainer } from '../podman/inspect-container.ts';
import { findPortOwner } from '../diagnose/soak/port-owner.ts';
import { watchServerIdentity, type IdentityWatch } from '../diagnose/soak/server-identity.ts';
import { parseSoakThresholds } from '../diagnose/soak/soak-thresholds.ts';
import { createLocalSession } from '../remote/local-session.ts';
import { renderTerminalSoak } from '../report/soak-lines.ts';
import { writeReport } from '../report/write-report.ts';
import { resolveRun } from '../results/resolve-run.ts';
import { runLoad } from '../runner/run-load.ts';
import { UserError } from '../util/errors.ts';
import { isLoopbackUrl } from '../util/server-origin.ts';
import { parseIntOption } from '../util/parse-number.ts';
import {
  addProfileOptions,
  failUnlessPassed,
  loadRequestFrom,
  withServerModel,
  printRunEnd,
  type ProfileFlags,
} from './options/profile-options.ts';

interface SoakFlags extends ProfileFlags {
  target?: string;
  server?: string;
  config?: string;
  interval: string;
  window: string;
  thresholds?: string;
  run?: string;
}

/** Registers `inferload soak`. */
export function registerSoak(program: Command): void {
  const command = program
    .command('soak')
    .description(
      'run the soak profile and judge it over time windows: memory leak, drift, error bursts, restarts',
    )
    .option('--target <url>', 'a server on this machine (default: the local target, or --server)')
    .option('--server <name>', 'a deployed server from the config: its host is sampled over SSH')
    .option('--config <path>', 'the config file (with --server)')
    .option('--interval <ms>', 'milliseconds between samples', '1000')
    .option('--window <seconds>', 'window length; 0 = a fifth of the steady span', '0')
    .option(
      '--thresholds <list>',
      'limits, e.g. memory_slope=2,memory_growth=128,throughput_drop=20%,tpot_rise=25%,burst_share=50%,burst_errors=3',
    )
    .option('--run <id>', 'judge a saved soak run again instead of running one');
  addProfileOptions(command).action((flags: SoakFlags) => soak(flags));
}

async function soak(flags: SoakFlags): Promise<void> {
  const thresholds = parseSoakThresholds(flags.thresholds);
  const windowSeconds = Number(flags.window);
  if (flags.window.trim() === '' || !(windowSeconds >= 0))
    throw new UserError(`--window: expected seconds (0 = a fifth of the steady span), got '${flags.window}'`);
  if (flags.run) {
    const { verdicts, path } = await judgeSoakRun(resolveRun(flags.run), { windowSeconds, thresholds });
    console.log(renderTerminalSoak(verdicts));
    console.log(`soak verdicts: ${path}`);
    return;
  }
  const intervalMs = parseIntOption('--interval', flags.interval, 100, 60_000);
  const deployed = flags.server ? deployedServer(flags) : undefined;
  const config = deployed ? await loadConfig(flags.config) : undefined;
  const host = deployed && config ? await openServerHost(config, deployed, () => {}) : undefined;
  const runFlags = withServerModel(flags, flags.server ? config?.servers.get(flags.server) : undefined);
  if (host?.pidProblem) console.error(`soak: the server process is not sampled: ${host.pidProblem}`);
  let watch: IdentityWatch | undefined;
  const plan = async ({ url, localPid }: { url: string; localPid?: number }): Promise<DiagnosticsPlan> => {
    const base = { intervalMs, baseUrl: url, api: flags.api };
    // A deployed server: its pid on its host, sampled over SSH; a restart shows as that pid gone.
    if (host)
      return {
        ...base,
        host: { session: host.session, ...(host.pid === undefined ? {} : { pid: host.pid }) },
      };
    if (localPid === undefined && !isLoopbackUrl(url)) {
      console.error(`soak: ${url} is not on this machine; memory and restarts are not judged (use --server)`);
      return base;
    }
    const parsed = new URL(url);
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    const pid = localPid ?? findPortOwner(port)?.pid;
    if (pid === undefined)
      console.error(`soak: no process of this user listens on port ${port}: RSS not sampled`);
    watch = watchServerIdentity(port, intervalMs);
    return { ...base, host: { session: createLocalSession(), ...(pid === undefined ? {} : { pid }) } };
  };
  // A container's restarts (its restart policy, or a start by hand) show in podman's record even when the pid
  // sampler missed them: looked at before and after.
  const lookAtContainer = async (): Promise<ContainerLook | undefined> => {
    if (!host?.container) return undefined;
    const info = await inspectContainer(host.session, host.container);
    return info
      ? {
          running: info.running,
          ...(info.restartCount === undefined ? {} : { restartCount: info.restartCount }),
          ...(info.startedAt === undefined ? {} : { startedAt: info.startedAt }),
        }
      : undefined;
  };
  const containerBefore = await lookAtContainer();
  let containerAfter: ContainerLook | undefined;
  let result;
  try {
    const target = deployed?.baseUrl ?? flags.target;
    result = await runLoad({
      ...loadRequestFrom('soak', target, runFlags),
      diagnostics: plan,
      ...(deployed ? { deployed } : {}),
    });
  } finally {
    watch?.stop();
    containerAfter = await lookAtContainer().catch(() => undefined);
    await host?.session.close();
  }
  printRunEnd(result);
  const identity = watch?.readings ?? [];
  const container =
    host?.container && containerBefore
      ? {
          name: host.container,
          before: containerBefore,
          ...(containerAfter ? { after: containerAfter } : {}),
        }
      : undefined;
  const { verdicts, path, analysis } = await judgeSoakRun(result.files, {
    windowSeconds,
    thresholds,
    identity,
    ...(container ? { container } : {}),
  });
  console.log('');
  console.log(renderTerminalSoak(verdicts));
  console.log(`soak verdicts: ${path}`);
  const report = await writeReport(result.files, { analysis });
  console.log(`report: ${report.html}`);
  failUnlessPassed(result, true);
  if (verdicts.verdict !== 'stable') throw new UserError(`soak ${verdicts.verdict}: ${verdicts.reason}`, 1);
}

function deployedServer(flags: SoakFlags): DeployedRecord {
  if (flags.target) throw new UserError('--server and --target: give one (the server names its own URL)');
  return requireDeployedRecord(flags.server ?? '');
}

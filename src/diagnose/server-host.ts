// Where a deployed server runs, for diagnose: a session on its host, its pid there, and its preset's facts.
import type { InferloadConfig } from '../config/types.ts';
import { resolvePreset } from '../config/resolve-preset.ts';
import type { DeployedRecord } from '../deploy/deployed-record.ts';
import { openSession } from '../deploy/open-session.ts';
import { inspectContainer } from '../podman/inspect-container.ts';
import type { LogLine } from '../remote/redact.ts';
import type { RemoteSession } from '../remote/session.ts';
import { UserError } from '../util/errors.ts';
import { parseCpuList } from './host/cpu-list.ts';
import type { PresetFacts } from './verdict/recommend.ts';

export interface ServerHost {
  session: RemoteSession;
  pid?: number;
  cpus?: number[];
  preset: PresetFacts;
  /** Why the pid is unknown, when it is. */
  pidProblem?: string;
  /** The server's container, for runtime podman and quadlet. */
  container?: string;
}

/** Opens a session on the deployed server's host and finds the server's process there. */
export async function openServerHost(
  config: InferloadConfig,
  deployed: DeployedRecord,
  log: LogLine,
): Promise<ServerHost> {
  const server = config.servers.get(deployed.server);
  if (!server) throw new UserError(`server '${deployed.server}' is not in ${config.path}`);
  const host = config.hosts.get(server.host);
  if (!host) throw new UserError(`server '${server.name}': host '${server.host}' is not in ${config.path}`);
  const resolved = resolvePreset(config, deployed.preset, host.name);
  const preset: PresetFacts = {
    name: resolved.name,
    parallelSlots: resolved.parallelSlots,
    threadsGen: resolved.threadsGen,
    threadsBatch: resolved.threadsBatch,
    ctxPerSlot: resolved.ctxPerSlot,
    ...(resolved.cpuset ? { cpuset: resolved.cpuset } : {}),
  };
  const session = await openSession(host, log);
  const cpus = resolved.cpuset ? parseCpuList(resolved.cpuset) : undefined;
  const base = { session, preset, ...(cpus ? { cpus } : {}) };
  if (deployed.runtime === 'process') {
    const pid = Number(deployed.runningId);
    return Number.isInteger(pid) && pid > 0
      ? { ...base, pid }
      : { ...base, pidProblem: 'no pid was recorded' };
  }
  if (deployed.runtime === 'podman' || deployed.runtime === 'quadlet') {
    const id = deployed.runningId ?? `inferload-${deployed.server}`;
    const info = await inspectContainer(session, id);
    // Named as people know it (inferload-<server>); the id when podman no longer knows it.
    const container = info?.name || id;
    if (info?.pid) return { ...base, container, pid: info.pid };
    return { ...base, container, pidProblem: `container ${container} is not running` };
  }
  return { ...base, pidProblem: `runtime ${deployed.runtime} has no process of ours to sample` };
}

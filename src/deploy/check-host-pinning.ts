// Before anything changes on the host: the preset's cpuset must name CPUs the host has, and runtime process
// needs taskset to pin at all. Config check can only do this for host local; deploy does it for every host.
import { checkCpusetOnline, parseCpuset } from '../config/cpuset.ts';
import type { RemoteSession } from '../remote/session.ts';
import { UserError } from '../util/errors.ts';
import type { DeployPlan } from './plan-deployment.ts';

export const ONLINE_CPUS_FILE = '/sys/devices/system/cpu/online';

/** Throws a UserError naming the cpuset's file:line and the host's CPUs when the host cannot pin to it. */
export async function checkHostPinning(plan: DeployPlan, session: RemoteSession): Promise<void> {
  const cpuset = plan.preset.cpuset;
  if (cpuset === undefined) return;
  const at = plan.cpusetAt ?? `preset ${plan.preset.name}: cpuset`;
  const host = plan.host.name;
  const online = await readHostCpus(session);
  if (online === undefined) {
    throw new UserError(
      `${at}: cannot read the CPUs of host ${host} (${ONLINE_CPUS_FILE}, nproc --all) to check cpuset ` +
        `${cpuset}; nothing was changed`,
    );
  }
  const problem = checkCpusetOnline(cpuset, online, host);
  if (problem !== undefined) throw new UserError(`${at}: ${problem}; nothing was changed`);
  if (plan.server.runtime === 'process' && !(await hasTaskset(session))) {
    throw new UserError(
      `${at}: host ${host} has no taskset, which runtime process needs to pin server ${plan.server.name} to ` +
        `CPUs ${cpuset}; install util-linux there or drop the cpuset (it would run unpinned); nothing was changed`,
    );
  }
}

/** The host's online CPUs: sysfs, else `nproc --all` counted from 0; undefined when neither answers. */
export async function readHostCpus(session: RemoteSession): Promise<number[] | undefined> {
  const online = await session.exec(['cat', ONLINE_CPUS_FILE]);
  if (online.code === 0) {
    try {
      return parseCpuset(online.stdout);
    } catch {
      // Fall through to nproc.
    }
  }
  const nproc = await session.exec(['nproc', '--all']);
  const count = Number(nproc.stdout.trim());
  if (nproc.code !== 0 || !Number.isInteger(count) || count < 1) return undefined;
  return Array.from({ length: count }, (_, cpu) => cpu);
}

async function hasTaskset(session: RemoteSession): Promise<boolean> {
  return (await session.exec(['sh', '-c', 'command -v taskset'])).code === 0;
}

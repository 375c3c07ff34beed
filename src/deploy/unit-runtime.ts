// How one deployed unit (a server, an instance, the proxy) is started, found, stopped and read on its host.
import type { RemoteSession } from '../remote/session.ts';
import type { ServerRuntime } from '../config/types.ts';
import { inspectContainer } from '../podman/inspect-container.ts';
import { containerLogs } from '../podman/container-logs.ts';
import { removeContainer } from '../podman/container-lifecycle.ts';
import { UserError } from '../util/errors.ts';
import { processRuntime } from './process-runtime.ts';
import type { CpusetFact } from './verify.ts';

/** What names a unit on its host: enough to stop it later, even once its plan is gone. */
export interface UnitRef {
  runtime: ServerRuntime;
  /** Container name, or the label of a process. */
  name: string;
  /** Text in a process's command line that proves a pid is still ours (`--port 8081`). */
  marker: string;
  /** Its folder under ~/.inferload/deploy/ (definition, pid, log). */
  stateKey: string;
}

export interface Runtime {
  /** What runs now: its id and the fingerprint it was started with. */
  current(): Promise<{ id: string; fingerprint?: string } | undefined>;
  start(definitionPath: string): Promise<string>;
  stop(): Promise<void>;
  logs(): Promise<string>;
  /** The CPUs what runs may use, as the runtime reports them. */
  cpuset(): Promise<CpusetFact>;
  /** Why the server cannot come up any more (its container or process is gone), for an early stop. */
  gone(): Promise<string | undefined>;
}

// A command over SSH costs a round trip or more: HOME is asked once per session.
const homes = new WeakMap<RemoteSession, Promise<string>>();

/** Where a unit's definition and state live on its host. */
export async function hostStateDir(session: RemoteSession, stateKey: string): Promise<string> {
  let home = homes.get(session);
  if (home === undefined) {
    home = session.exec(['printenv', 'HOME']).then((r) => r.stdout.trim() || '/root');
    homes.set(session, home);
  }
  return `${await home}/.inferload/deploy/${stateKey}`;
}

function podmanRuntime(name: string, session: RemoteSession): Runtime {
  return {
    async current() {
      const info = await inspectContainer(session, name);
      if (!info?.running) return undefined;
      const fingerprint = info.labels['io.inferload.fingerprint'];
      return { id: info.id, ...(fingerprint ? { fingerprint } : {}) };
    },
    async start(definitionPath) {
      const result = await session.exec(['sh', definitionPath], { timeoutMs: 120_000 });
      if (result.code !== 0)
        throw new Error(`podman run failed (exit ${result.code}): ${result.stderr.trim().slice(-500)}`);
      return result.stdout.trim().split('\n').at(-1) ?? '';
    },
    stop: () => removeContainer(session, name).then(() => undefined),
    logs: () => containerLogs(session, name),
    cpuset: async () => ({
      cpus: (await inspectContainer(session, name))?.cpusetCpus,
      source: 'podman inspect',
    }),
    async gone() {
      const info = await inspectContainer(session, name);
      return info?.running ? undefined : `container ${name} is ${info ? info.status : 'gone'}`;
    },
  };
}

/** The runtime that starts and stops `unit` in `dir`; quadlet units are rendered only. */
export function runtimeFor(unit: UnitRef, session: RemoteSession, dir: string): Runtime {
  if (unit.runtime === 'process') return processRuntime(session, dir, unit.marker);
  if (unit.runtime === 'podman') return podmanRuntime(unit.name, session);
  throw new UserError(
    `${unit.name}: runtime ${unit.runtime} is rendered (see --dry-run) but applying it needs ` +
      'systemd with podman >= 4.4 on the host: copy the unit to ~/.config/containers/systemd/ and start it with systemctl',
  );
}

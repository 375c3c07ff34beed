// Applies a planned deployment on its host: diff, upload, (re)start, health wait, verification, rollback.
import type { RemoteSession } from '../remote/session.ts';
import { inspectContainer } from '../podman/inspect-container.ts';
import { containerLogs } from '../podman/container-logs.ts';
import { removeContainer } from '../podman/container-lifecycle.ts';
import { waitForHealth } from '../local/wait-health.ts';
import { UserError } from '../util/errors.ts';
import { diffDefinitions } from './diff-text.ts';
import type { DeployPlan } from './plan-deployment.ts';
import { verifyServer, type CpusetFact, type VerifyResult } from './verify.ts';
import { processRuntime } from './process-runtime.ts';
import { checkHostPinning } from './check-host-pinning.ts';
import { httpStatus } from '../util/http-get.ts';

export interface ApplyOptions {
  dryRun?: boolean;
  healthTimeoutMs?: number;
  log: (line: string) => void;
  /** Runs once the host is known to fit the plan and before anything is started (model, image). */
  prepare?: () => Promise<void>;
}

export type DeployStatus = 'dry-run' | 'unchanged' | 'deployed' | 'rolled-back' | 'failed';

export interface DeployResult {
  status: DeployStatus;
  diff: string;
  fingerprint: string;
  /** The container id, or the process id, of what runs now. */
  runningId?: string;
  verify?: VerifyResult;
  /** Why the new definition was refused, when it was. */
  failure?: string;
  /** What the rollback found: the previous definition healthy again, or not. */
  rollback?: string;
}

/** Where a server's definition and state live on its host. */
export async function hostStateDir(session: RemoteSession, server: string): Promise<string> {
  const home = (await session.exec(['printenv', 'HOME'])).stdout.trim() || '/root';
  return `${home}/.inferload/deploy/${server}`;
}

interface Runtime {
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

function podmanRuntime(plan: DeployPlan, session: RemoteSession): Runtime {
  return {
    async current() {
      const info = await inspectContainer(session, plan.name);
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
    stop: () => removeContainer(session, plan.name).then(() => undefined),
    logs: () => containerLogs(session, plan.name),
    cpuset: async () => ({
      cpus: (await inspectContainer(session, plan.name))?.cpusetCpus,
      source: 'podman inspect',
    }),
    async gone() {
      const info = await inspectContainer(session, plan.name);
      return info?.running ? undefined : `container ${plan.name} is ${info ? info.status : 'gone'}`;
    },
  };
}

function runtimeFor(plan: DeployPlan, session: RemoteSession, dir: string): Runtime {
  if (plan.server.runtime === 'process') return processRuntime(plan, session, dir);
  if (plan.server.runtime === 'podman') return podmanRuntime(plan, session);
  throw new UserError(
    `server '${plan.server.name}': runtime ${plan.server.runtime} is rendered (see --dry-run) but applying it needs ` +
      'systemd with podman >= 4.4 on the host: copy the unit to ~/.config/containers/systemd/ and start it with systemctl',
  );
}

/** Deploys `plan` through `session`; an unchanged fingerprint with a healthy server restarts nothing. */
export async function applyDeployment(
  plan: DeployPlan,
  session: RemoteSession,
  options: ApplyOptions,
): Promise<DeployResult> {
  // A dry run refuses what the deploy would: a cpuset the host cannot pin to.
  await checkHostPinning(plan, session);
  const dir = await hostStateDir(session, plan.server.name);
  const definitionPath = `${dir}/${plan.definition.fileName}`;
  const current = await session.readFile(definitionPath);
  const diff = diffDefinitions(definitionPath, current, plan.definition.content);
  const base = { diff, fingerprint: plan.fingerprint };
  if (options.dryRun) return { status: 'dry-run', ...base };

  const runtime = runtimeFor(plan, session, dir);
  const running = await runtime.current();
  if (running && running.fingerprint === plan.fingerprint && (await isHealthy(plan.server.healthUrl))) {
    options.log(`unchanged: ${plan.name} already runs fingerprint ${plan.fingerprint}; nothing restarted`);
    return { status: 'unchanged', ...base, runningId: running.id };
  }

  await options.prepare?.();
  await session.upload(plan.definition.content, definitionPath, plan.definition.mode);
  const attempt = await startAndCheck(plan, runtime, definitionPath, options);
  if (attempt.ok) {
    if (current !== undefined && current !== plan.definition.content) {
      await session.upload(current, `${definitionPath}.prev`, plan.definition.mode);
    }
    return { status: 'deployed', ...base, runningId: attempt.id, verify: attempt.verify };
  }

  options.log(`deploy failed: ${attempt.reason}`);
  await runtime.stop();
  if (current === undefined) {
    await session.upload(
      `# no previous definition: ${plan.name} was not running before\n`,
      definitionPath,
      0o644,
    );
    return {
      status: 'failed',
      ...base,
      failure: attempt.reason,
      rollback: 'nothing to roll back to: no previous definition',
    };
  }
  options.log(`rolling back to the previous definition of ${plan.name}`);
  await session.upload(current, definitionPath, plan.definition.mode);
  const back = await startAndCheck(plan, runtime, definitionPath, options, true);
  const rollback = back.ok
    ? `previous definition healthy again (${back.id})`
    : `previous definition failed too: ${back.reason}`;
  return {
    status: 'rolled-back',
    ...base,
    failure: attempt.reason,
    rollback,
    ...(back.ok ? { runningId: back.id } : {}),
  };
}

type StartOutcome = { ok: true; id: string; verify: VerifyResult } | { ok: false; reason: string };

async function startAndCheck(
  plan: DeployPlan,
  runtime: Runtime,
  definitionPath: string,
  options: ApplyOptions,
  healthOnly = false,
): Promise<StartOutcome> {
  let id: string;
  try {
    id = await runtime.start(definitionPath);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  let goneReason: string | undefined;
  const timeoutMs = options.healthTimeoutMs ?? 180_000;
  let lastCheck = 0;
  try {
    await waitForHealth(plan.server.healthUrl, {
      timeoutMs,
      intervalMs: 250,
      onProbe: (elapsed, status) => {
        options.log(`  waiting for ${plan.server.healthUrl}: ${(elapsed / 1000).toFixed(1)} s, ${status}`);
        // Asking the runtime costs a command: once a second is enough to notice a crash early.
        if (elapsed - lastCheck >= 1000) {
          lastCheck = elapsed;
          void runtime.gone().then((reason) => (goneReason = reason));
        }
      },
      abortIf: () => goneReason,
    });
  } catch (error) {
    const logs = (await runtime.logs().catch(() => '')).trim().split('\n').slice(-8).join('\n');
    return { ok: false, reason: `${(error as Error).message}${logs ? `\nlast log lines:\n${logs}` : ''}` };
  }
  if (healthOnly) return { ok: true, id, verify: { ok: true, checks: [] } };
  const verify = await verifyServer(plan.server.baseUrl, plan.expected, {
    log: await runtime.logs(),
    ...(plan.expected.cpuset !== undefined ? { cpuset: await runtime.cpuset() } : {}),
  });
  for (const c of verify.checks)
    options.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: expected ${c.expected}, found ${c.actual}`);
  if (!verify.ok) {
    const bad = verify.checks
      .filter((c) => !c.ok)
      .map((c) => `${c.name}: expected ${c.expected}, found ${c.actual}`);
    return { ok: false, reason: `running server differs from the preset: ${bad.join('; ')}` };
  }
  return { ok: true, id, verify };
}

async function isHealthy(url: string): Promise<boolean> {
  return (await httpStatus(url, 3000)) === 200;
}

// Applies a planned deployment on its host: diff, upload, (re)start, health wait, verification, rollback.
import type { RemoteSession } from '../remote/session.ts';
import { waitForHealth } from '../local/wait-health.ts';
import { diffDefinitions } from './diff-text.ts';
import type { DeployPlan } from './plan-deployment.ts';
import { verifyUnit } from './verify-unit.ts';
import type { VerifyResult } from './verify.ts';
import { checkHostPinning } from './check-host-pinning.ts';
import { httpStatus } from '../util/http-get.ts';
import { UserError } from '../util/errors.ts';
import { hostStateDir, runtimeFor, type Runtime } from './unit-runtime.ts';

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

/** Deploys `plan` through `session`; an unchanged fingerprint with a healthy server restarts nothing. */
export async function applyDeployment(
  plan: DeployPlan,
  session: RemoteSession,
  options: ApplyOptions,
): Promise<DeployResult> {
  // A dry run refuses what the deploy would: a cpuset the host cannot pin to.
  await checkHostPinning(plan, session);
  const dir = await hostStateDir(session, plan.unit.stateKey);
  const definitionPath = `${dir}/${plan.definition.fileName}`;
  const current = await session.readFile(definitionPath);
  const diff = diffDefinitions(definitionPath, current, plan.definition.content);
  const base = { diff, fingerprint: plan.fingerprint };
  if (options.dryRun) return { status: 'dry-run', ...base };

  const runtime = runtimeFor(plan.unit, session, dir);
  const running = await runtime.current();
  if (running && running.fingerprint === plan.fingerprint && (await isHealthy(plan.server.healthUrl))) {
    options.log(`unchanged: ${plan.name} already runs fingerprint ${plan.fingerprint}; nothing restarted`);
    return { status: 'unchanged', ...base, runningId: running.id };
  }

  // Nothing of ours runs, yet the port answers: another server holds it, and ours could not bind. Said before
  // anything changes, rather than verifying (or worse, benchmarking) the other server as ours.
  if (!running && (await isHealthy(plan.server.healthUrl)))
    throw new UserError(
      `${plan.server.healthUrl} already answers, but no ${plan.name} of ours runs there: another server holds ` +
        'its port; stop it or give this server another port',
    );
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
  const gone = await startedIsGone(runtime, plan);
  if (gone) return gone;
  if (healthOnly) return { ok: true, id, verify: { ok: true, checks: [] } };
  const verify = await verifyUnit(plan, runtime, options.log);
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

/**
 * What was started died as health answered (the health wait polls it only while waiting): said with the
 * runtime's reason rather than as a verification that finds nothing. A port held before the start is refused
 * earlier, in applyDeployment.
 */
async function startedIsGone(runtime: Runtime, plan: DeployPlan): Promise<StartOutcome | undefined> {
  const gone = await runtime.gone();
  if (gone === undefined) return undefined;
  return { ok: false, reason: `${plan.server.healthUrl} answered, but what was started is gone (${gone})` };
}

/** Whether `url` answers 200 within 3 s. */
export async function isHealthy(url: string): Promise<boolean> {
  return (await httpStatus(url, 3000)) === 200;
}

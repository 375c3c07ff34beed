// Applies instances behind nginx: each instance as a unit (idempotent, verified), then nginx, then the whole
// checked through nginx; a failure rolls every changed part back; instances no longer wanted stop last.
import type { RemoteSession } from '../remote/session.ts';
import { waitForHealth } from '../local/wait-health.ts';
import { applyDeployment, isHealthy, type ApplyOptions, type DeployResult } from './apply-deployment.ts';
import { diffDefinitions } from './diff-text.ts';
import { aloneUnit, readFleetRecord, stopUnits, writeFleetRecord } from './fleet-record.ts';
import type { DeployPlan } from './plan-deployment.ts';
import { hostStateDir, runtimeFor, type UnitRef } from './unit-runtime.ts';
import type { VerifyCheck } from './verify.ts';

interface Applied {
  plan: DeployPlan;
  result: DeployResult;
  /** Its definition before this deploy, to go back to. */
  before: string | undefined;
}

/** Deploys a fleet plan (planDeployment with instances or proxy); unchanged parts restart nothing. */
export async function applyFleet(
  plan: DeployPlan,
  session: RemoteSession,
  options: ApplyOptions,
): Promise<DeployResult> {
  const fleet = plan.fleet;
  if (fleet === undefined) throw new Error('applyFleet needs a plan with instances');
  const proxyDir = await hostStateDir(session, plan.unit.stateKey);
  const confPath = `${proxyDir}/nginx.conf`;
  const confBefore = await session.readFile(confPath);
  const runBefore = await session.readFile(`${proxyDir}/run.sh`);
  const diffs: string[] = [];
  if (options.dryRun) {
    for (const unit of fleet.instances)
      diffs.push((await applyDeployment(unit, session, { ...options, dryRun: true })).diff);
    diffs.push(diffDefinitions(confPath, confBefore, fleet.proxy.conf));
    return { status: 'dry-run', diff: diffs.join('\n'), fingerprint: plan.fingerprint };
  }

  const wanted = new Set(fleet.instances.map((p) => p.unit.stateKey));
  const stale = ((await readFleetRecord(session, plan.server.name))?.instances ?? []).filter(
    (u) => !wanted.has(u.stateKey),
  );
  // The server deployed alone holds the port nginx takes over.
  const alone = aloneUnit(plan.server);
  const aloneRuntime = runtimeFor(alone, session, await hostStateDir(session, alone.stateKey));
  const aloneRan = (await aloneRuntime.current()) !== undefined;
  if (aloneRan) {
    options.log(`stopping ${alone.name}, deployed alone: nginx takes port ${plan.server.port}`);
    await aloneRuntime.stop();
  }

  let prepared: Promise<void> | undefined;
  const prepare = (): Promise<void> => (prepared ??= options.prepare?.() ?? Promise.resolve());
  const applied: Applied[] = [];
  let failure: string | undefined;
  for (const unit of fleet.instances) {
    const dir = await hostStateDir(session, unit.unit.stateKey);
    const before = await session.readFile(`${dir}/${unit.definition.fileName}`);
    options.log(`instance ${unit.server.name} on port ${unit.server.port}`);
    const result = await applyDeployment(unit, session, { ...options, prepare });
    applied.push({ plan: unit, result, before });
    diffs.push(result.diff);
    if (result.status !== 'deployed' && result.status !== 'unchanged') {
      failure = `instance ${unit.server.name}: ${result.failure ?? result.status}`;
      break;
    }
  }
  diffs.push(diffDefinitions(confPath, confBefore, fleet.proxy.conf));

  const proxy = runtimeFor(plan.unit, session, proxyDir);
  const proxyNow = await proxy.current();
  const proxyChanged = !(
    proxyNow?.fingerprint === fleet.proxy.fingerprint && (await isHealthy(plan.server.healthUrl))
  );
  const proxyTouched = failure === undefined && proxyChanged;
  if (proxyTouched) {
    await session.upload(fleet.proxy.conf, confPath);
    await session.upload(fleet.proxy.run, `${proxyDir}/run.sh`, 0o755);
    failure = await startProxy(plan, session, proxyDir, options);
  }
  const checks = failure === undefined ? await checkThroughProxy(plan, applied) : [];
  failure ??= checks.find((c) => !c.ok) && `through nginx: ${describeFailed(checks)}`;

  if (failure !== undefined) {
    options.log(`deploy failed: ${failure}`);
    const rollback = await rollBack(plan, session, options, {
      applied,
      proxyTouched,
      confBefore,
      runBefore,
      aloneRan,
    });
    return {
      status: 'rolled-back',
      diff: diffs.join('\n'),
      fingerprint: plan.fingerprint,
      failure,
      rollback,
    };
  }
  await stopUnits(session, stale, options.log);
  await writeFleetRecord(session, plan.server.name, {
    fingerprint: plan.fingerprint,
    instances: fleet.instances.map((p) => p.unit),
    proxy: plan.unit,
  });
  const changed =
    proxyChanged || aloneRan || stale.length > 0 || applied.some((a) => a.result.status === 'deployed');
  const instanceChecks = applied.flatMap((a) =>
    (a.result.verify?.checks ?? []).map((c) => ({ ...c, name: `${a.plan.server.name}: ${c.name}` })),
  );
  const build = applied.map((a) => a.result.verify?.build).find((b) => b !== undefined);
  const proxyId = (await proxy.current())?.id;
  return {
    status: changed ? 'deployed' : 'unchanged',
    diff: diffs.join('\n'),
    fingerprint: plan.fingerprint,
    ...(proxyId === undefined ? {} : { runningId: proxyId }),
    ...(changed
      ? { verify: { ok: true, checks: [...instanceChecks, ...checks], ...(build ? { build } : {}) } }
      : {}),
  };
}

/** Tests the configuration (nginx -t), starts nginx and waits until the server's health answers through it. */
async function startProxy(
  plan: DeployPlan,
  session: RemoteSession,
  dir: string,
  options: ApplyOptions,
): Promise<string | undefined> {
  const tested = await session.exec(['sh', `${dir}/run.sh`, '-t']);
  if (tested.code !== 0) return `nginx -t refused ${dir}/nginx.conf: ${tested.stderr.trim().slice(-600)}`;
  const proxy = runtimeFor(plan.unit, session, dir);
  try {
    await proxy.start(`${dir}/run.sh`);
    let gone: string | undefined;
    await waitForHealth(plan.server.healthUrl, {
      timeoutMs: 30_000,
      intervalMs: 250,
      onProbe: (elapsed, status) => {
        options.log(
          `  waiting for ${plan.server.healthUrl} through nginx: ${(elapsed / 1000).toFixed(1)} s, ${status}`,
        );
        void proxy.gone().then((reason) => (gone = reason));
      },
      abortIf: () => gone,
    });
    return undefined;
  } catch (error) {
    const log = (await session.readFile(`${dir}/error.log`))?.trim().split('\n').slice(-5).join('\n');
    return `nginx: ${(error as Error).message}${log ? `\nlast error.log lines:\n${log}` : ''}`;
  }
}

/** Every instance answers its own health URL, and the server's health URL answers through nginx. */
async function checkThroughProxy(plan: DeployPlan, applied: Applied[]): Promise<VerifyCheck[]> {
  const probe = async (name: string, url: string): Promise<VerifyCheck> => {
    const ok = await isHealthy(url);
    return { name, expected: '200', actual: ok ? '200' : 'no 200', ok };
  };
  const checks = [await probe(`health through nginx (${plan.server.healthUrl})`, plan.server.healthUrl)];
  for (const { plan: unit } of applied)
    checks.push(await probe(`${unit.server.name} health (${unit.server.healthUrl})`, unit.server.healthUrl));
  return checks;
}

function describeFailed(checks: VerifyCheck[]): string {
  return checks
    .filter((c) => !c.ok)
    .map((c) => `${c.name}: expected ${c.expected}, found ${c.actual}`)
    .join('; ');
}

interface RollbackState {
  applied: Applied[];
  proxyTouched: boolean;
  confBefore: string | undefined;
  runBefore: string | undefined;
  aloneRan: boolean;
}

/** Puts back what this deploy changed: instances, nginx, and the server deployed alone when it ran. */
async function rollBack(
  plan: DeployPlan,
  session: RemoteSession,
  options: ApplyOptions,
  state: RollbackState,
): Promise<string> {
  const notes = state.applied
    .filter((a) => a.result.rollback !== undefined)
    .map((a) => `${a.plan.server.name}: ${a.result.rollback ?? ''}`);
  // The failed instance rolled itself back; the ones deployed before it go back here.
  for (const { plan: unit, before } of state.applied.filter((a) => a.result.status === 'deployed')) {
    const dir = await hostStateDir(session, unit.unit.stateKey);
    notes.push(
      await restore(session, unit.unit, dir, unit.definition.fileName, before, unit.server.healthUrl),
    );
  }
  const proxyDir = await hostStateDir(session, plan.unit.stateKey);
  if (state.proxyTouched) {
    if (state.confBefore !== undefined) await session.upload(state.confBefore, `${proxyDir}/nginx.conf`);
    notes.push(
      await restore(
        session,
        plan.unit,
        proxyDir,
        'run.sh',
        state.confBefore === undefined ? undefined : state.runBefore,
        plan.server.healthUrl,
      ),
    );
  }
  if (state.aloneRan) {
    const alone = aloneUnit(plan.server);
    const dir = await hostStateDir(session, alone.stateKey);
    notes.push(
      await restore(
        session,
        alone,
        dir,
        'run.sh',
        await session.readFile(`${dir}/run.sh`),
        plan.server.healthUrl,
      ),
    );
  }
  options.log(`rollback: ${notes.join('; ')}`);
  return notes.join('; ') || 'nothing had changed';
}

/** Starts `unit` from its previous definition, or stops it when it had none. */
async function restore(
  session: RemoteSession,
  unit: UnitRef,
  dir: string,
  fileName: string,
  before: string | undefined,
  healthUrl: string,
): Promise<string> {
  const runtime = runtimeFor(unit, session, dir);
  if (before === undefined) {
    await runtime.stop();
    return `${unit.name} stopped (it did not run before)`;
  }
  try {
    await session.upload(before, `${dir}/${fileName}`, 0o755);
    await runtime.start(`${dir}/${fileName}`);
    await waitForHealth(healthUrl, { timeoutMs: 60_000, intervalMs: 250 });
    return `${unit.name} back on its previous definition`;
  } catch (error) {
    return `${unit.name} did not come back: ${(error as Error).message}`;
  }
}

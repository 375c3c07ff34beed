// Deploying one server with one preset as a use case: plan, open the host's session, prepare artifacts, apply,
// record. `make deploy` and campaigns (one deploy per server cell) both come through here.
import type { InferloadConfig } from '../config/types.ts';
import { readCpuTopology, checkThreadsAgainstCores } from '../config/cpu-topology.ts';
import { isGeneratedModel } from '../config/model-source.ts';
import { ensureTinyModel } from '../tiny-model/tiny-llama.ts';
import { ensureLlamaImage } from '../podman/ensure-llama-image.ts';
import { LLAMA_IMAGE } from '../podman/llama-image-recipe.ts';
import { ensureSimImage, SIM_OLLAMA_IMAGE, SIM_VLLM_IMAGE, type SimImageKind } from '../podman/sim-image.ts';
import { installLlamaServer } from '../local/llama-install.ts';
import { createRedactor } from '../remote/redact.ts';
import type { RemoteSession } from '../remote/session.ts';
import { UserError } from '../util/errors.ts';
import { planDeployment, type DeployPlan } from './plan-deployment.ts';
import { applyDeployment, type DeployResult } from './apply-deployment.ts';
import { applyFleet } from './apply-fleet.ts';
import { retireFleet } from './fleet-record.ts';
import { openSession } from './open-session.ts';
import { readDeployedRecord, writeDeployedRecord, type DeployedRecord } from './deployed-record.ts';

const SIM_IMAGES = new Map<string, SimImageKind>([
  [SIM_VLLM_IMAGE, 'vllm'],
  [SIM_OLLAMA_IMAGE, 'ollama'],
]);

export interface DeployServerOptions {
  /** A server from the config (default: the first one). */
  serverName?: string;
  /** A preset (default: the config's active_preset). */
  presetName?: string;
  dryRun?: boolean;
  healthTimeoutMs: number;
  /** Progress and diagnostics (stderr for the CLI); secrets are redacted before they reach it. */
  log: (line: string) => void;
  /** What the user reads (stdout for the CLI): the plan's header, warnings, the diff; redacted too. */
  out: (text: string) => void;
}

export interface DeployServerResult {
  plan: DeployPlan;
  /** Undefined when a dry run could not reach the host (the definition was printed instead). */
  result?: DeployResult;
  /** What was recorded as deployed (deployed or unchanged). */
  record?: DeployedRecord;
}

/** Deploys a server with a preset, idempotently; throws a UserError when it fails (after its rollback). */
export async function deployServer(
  config: InferloadConfig,
  options: DeployServerOptions,
): Promise<DeployServerResult> {
  const serverName = options.serverName ?? [...config.servers.keys()][0];
  if (!serverName) throw new UserError(`${config.path}: no server is configured`);
  const server = config.servers.get(serverName);
  // On this machine, runtime `process` uses the private llama-server unless the server names a binary.
  let defaultBinary: string | undefined;
  if (
    server?.runtime === 'process' &&
    server.host === 'local' &&
    !server.binary &&
    server.kind === 'llama.cpp'
  ) {
    const installed = await installLlamaServer({ onProgress: options.log });
    if (installed.ok) defaultBinary = installed.launcher;
  }
  const plan = planDeployment(config, serverName, options.presetName, defaultBinary ? { defaultBinary } : {});

  // Secrets in the server's env or arguments (HF_TOKEN=..., --api-key ...) never reach the terminal or logs.
  const redactor = createRedactor({ env: plan.launch.env });
  redactor.addArgv(plan.launch.args);
  const log = redactor.wrap(options.log);
  const out = (text: string): void => options.out(redactor.redact(text));
  out(
    `deploy: server ${plan.server.name} on host ${plan.host.name} (${plan.server.runtime}), preset ${plan.preset.name} [${plan.preset.chain.join(' > ')}], fingerprint ${plan.fingerprint}`,
  );
  const warnings = [...plan.warnings];
  if (plan.host.connection === 'local')
    warnings.push(...checkThreadsAgainstCores(plan.preset, await readCpuTopology()));
  for (const w of new Set(warnings)) out(`warning: ${w}`);

  let session: RemoteSession;
  try {
    session = await openSession(plan.host, log);
  } catch (error) {
    if (!options.dryRun) throw error;
    printDefinition(
      plan,
      out,
      `cannot reach host ${plan.host.name} to compare with what runs there: ${(error as Error).message}`,
    );
    return { plan };
  }
  try {
    const open = session;
    const apply = {
      dryRun: options.dryRun ?? false,
      healthTimeoutMs: options.healthTimeoutMs,
      log,
      prepare: () => prepareArtifacts(plan, open, log),
    };
    // Deployed alone after instances: the instances and nginx stop first (nginx holds the server's port).
    if (!plan.fleet && !apply.dryRun) await retireFleet(session, plan.server, log);
    const result = plan.fleet
      ? await applyFleet(plan, session, apply)
      : await applyDeployment(plan, session, apply);
    const record = recordOutcome(plan, result, out);
    return { plan, result, ...(record ? { record } : {}) };
  } finally {
    await session.close();
  }
}

/** The generated model and the locally built image exist before anything starts. */
async function prepareArtifacts(
  plan: DeployPlan,
  session: RemoteSession,
  log: (l: string) => void,
): Promise<void> {
  if (isGeneratedModel(plan.server.model)) await ensureTinyModel();
  if (plan.server.runtime === 'podman' && plan.server.image === LLAMA_IMAGE) {
    const installed = await installLlamaServer({ onProgress: log });
    if (!installed.ok) throw new UserError(`cannot build ${LLAMA_IMAGE}: ${installed.reason}`);
    const image = await ensureLlamaImage(session, { onProgress: log });
    log(`image ${image.image} ${image.built ? 'built' : 'up to date'} (${image.id.slice(0, 12)})`);
  }
  // The simulated vLLM and Ollama images are built from this repository, like the llama image.
  const simKind = SIM_IMAGES.get(plan.server.image ?? '');
  if (plan.server.runtime === 'podman' && simKind !== undefined) {
    const image = await ensureSimImage(session, { kind: simKind, onProgress: log });
    log(`image ${image.image} ${image.built ? 'built' : 'up to date'} (${image.id.slice(0, 12)})`);
  }
}

function printDefinition(plan: DeployPlan, out: (text: string) => void, why: string): void {
  out(`note: ${why}`);
  out(`--- ${plan.definition.fileName} (would be deployed) ---`);
  out(plan.definition.content.trimEnd());
}

/** Prints the diff and the outcome, records a deployed or unchanged server, throws on a failed deploy. */
function recordOutcome(
  plan: DeployPlan,
  result: DeployResult,
  out: (text: string) => void,
): DeployedRecord | undefined {
  out(result.diff);
  switch (result.status) {
    case 'dry-run':
      out('dry run: nothing changed');
      return undefined;
    case 'unchanged':
    case 'deployed': {
      const verb = result.status === 'unchanged' ? 'unchanged, not restarted' : 'deployed';
      // An unchanged server was not verified again: the build recorded when it was deployed still holds.
      const previous = readDeployedRecord(plan.server.name);
      const build =
        result.verify?.build ?? (previous?.fingerprint === plan.fingerprint ? previous.build : undefined);
      out(
        `${verb}: ${plan.name} (${result.runningId ?? '?'}) at ${plan.server.baseUrl}, fingerprint ${plan.fingerprint}${build ? `, build ${build}` : ''}`,
      );
      const record: DeployedRecord = {
        server: plan.server.name,
        host: plan.host.name,
        preset: plan.preset.name,
        fingerprint: plan.fingerprint,
        runtime: plan.server.runtime,
        baseUrl: plan.server.baseUrl,
        ...(plan.fleet ? { instances: plan.fleet.instances.map((p) => p.server.baseUrl) } : {}),
        ...(build ? { build } : {}),
        ...(result.runningId ? { runningId: result.runningId } : {}),
        deployedAt: new Date().toISOString(),
      };
      writeDeployedRecord(record);
      return record;
    }
    case 'rolled-back':
    case 'failed':
      throw new UserError(
        `deploy of preset ${plan.preset.name} to ${plan.server.name} failed: ${result.failure ?? 'unknown reason'}\n` +
          `rollback: ${result.rollback ?? 'none'}`,
        1,
      );
  }
}

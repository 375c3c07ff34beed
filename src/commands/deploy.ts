import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { readCpuTopology, checkThreadsAgainstCores } from '../config/cpu-topology.ts';
import { isGeneratedModel } from '../config/model-source.ts';
import { ensureTinyModel } from '../tiny-model/tiny-llama.ts';
import { ensureLlamaImage } from '../podman/ensure-llama-image.ts';
import { LLAMA_IMAGE } from '../podman/llama-image-recipe.ts';
import { planDeployment, type DeployPlan } from '../deploy/plan-deployment.ts';
import { applyDeployment, type DeployResult } from '../deploy/apply-deployment.ts';
import { openSession } from '../deploy/open-session.ts';
import { readDeployedRecord, writeDeployedRecord } from '../deploy/deployed-record.ts';
import { installLlamaServer } from '../local/llama-install.ts';
import { intOption } from '../util/parse-number.ts';
import { UserError } from '../util/errors.ts';
import { createRedactor } from '../remote/redact.ts';

interface DeployFlags {
  server?: string;
  preset?: string;
  config?: string;
  dryRun?: boolean;
  healthTimeout: number;
}

/** `inferload deploy` (make deploy): push a preset to a server's host and (re)start it, idempotently. */
export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('render a server preset, push it to its host and (re)start llama-server, idempotently')
    .option('--server <name>', 'a server from the config (default: the first one)')
    .option('--preset <name>', 'a preset (default: active_preset)')
    .option('--config <path>', 'the config file (default: $CONFIG or config/llama.yaml)')
    .option('--dry-run', 'render and show the diff against what runs now; change nothing')
    .option(
      '--health-timeout <seconds>',
      'how long to wait for /health',
      intOption('--health-timeout', 1, 3600),
      180,
    )
    .action((flags: DeployFlags) => deploy(flags));
}

async function deploy(flags: DeployFlags): Promise<void> {
  const config = await loadConfig(flags.config);
  const serverName = flags.server ?? [...config.servers.keys()][0];
  if (!serverName) throw new UserError(`${config.path}: no server is configured`);
  const server = config.servers.get(serverName);
  // On this machine, runtime `process` uses the private llama-server unless the server names a binary.
  let defaultBinary: string | undefined;
  if (server?.runtime === 'process' && server.host === 'local' && !server.binary) {
    const installed = await installLlamaServer({ onProgress: (l) => console.error(l) });
    if (installed.ok) defaultBinary = installed.launcher;
  }
  const plan = planDeployment(config, serverName, flags.preset, defaultBinary ? { defaultBinary } : {});
  console.log(
    `deploy: server ${plan.server.name} on host ${plan.host.name} (${plan.server.runtime}), preset ${plan.preset.name} [${plan.preset.chain.join(' > ')}], fingerprint ${plan.fingerprint}`,
  );
  const warnings = [...plan.warnings];
  if (plan.host.connection === 'local')
    warnings.push(...checkThreadsAgainstCores(plan.preset, await readCpuTopology()));
  for (const w of new Set(warnings)) console.log(`warning: ${w}`);

  // Secrets in the server's env or arguments (HF_TOKEN=..., --api-key ...) never reach the terminal or logs.
  const redactor = createRedactor({ env: plan.launch.env });
  redactor.addArgv(plan.launch.args);
  const log = redactor.wrap((line: string): void => console.error(line));
  const out = (text: string): void => console.log(redactor.redact(text));
  let session;
  try {
    session = await openSession(plan.host, log);
  } catch (error) {
    if (!flags.dryRun) throw error;
    printDefinition(
      plan,
      out,
      `cannot reach host ${plan.host.name} to compare with what runs there: ${(error as Error).message}`,
    );
    return;
  }
  try {
    const open = session;
    const result = await applyDeployment(plan, session, {
      dryRun: flags.dryRun ?? false,
      healthTimeoutMs: flags.healthTimeout * 1000,
      log,
      prepare: () => prepareArtifacts(plan, open, log),
    });
    report(plan, result, out);
  } finally {
    await session.close();
  }
}

/** The generated model and the locally built image exist before anything starts. */
async function prepareArtifacts(
  plan: DeployPlan,
  session: Parameters<typeof ensureLlamaImage>[0],
  log: (l: string) => void,
): Promise<void> {
  if (isGeneratedModel(plan.server.model)) await ensureTinyModel();
  if (plan.server.runtime === 'podman' && plan.server.image === LLAMA_IMAGE) {
    const installed = await installLlamaServer({ onProgress: log });
    if (!installed.ok) throw new UserError(`cannot build ${LLAMA_IMAGE}: ${installed.reason}`);
    const image = await ensureLlamaImage(session, { onProgress: log });
    log(`image ${image.image} ${image.built ? 'built' : 'up to date'} (${image.id.slice(0, 12)})`);
  }
}

function printDefinition(plan: DeployPlan, out: (text: string) => void, why: string): void {
  out(`note: ${why}`);
  out(`--- ${plan.definition.fileName} (would be deployed) ---`);
  out(plan.definition.content.trimEnd());
}

function report(plan: DeployPlan, result: DeployResult, out: (text: string) => void): void {
  out(result.diff);
  switch (result.status) {
    case 'dry-run':
      out('dry run: nothing changed');
      return;
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
      writeDeployedRecord({
        server: plan.server.name,
        host: plan.host.name,
        preset: plan.preset.name,
        fingerprint: plan.fingerprint,
        runtime: plan.server.runtime,
        baseUrl: plan.server.baseUrl,
        ...(build ? { build } : {}),
        ...(result.runningId ? { runningId: result.runningId } : {}),
        deployedAt: new Date().toISOString(),
      });
      return;
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

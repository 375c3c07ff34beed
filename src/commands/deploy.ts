import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { deployServer } from '../deploy/deploy-server.ts';
import { intOption } from '../util/parse-number.ts';

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
  await deployServer(config, {
    ...(flags.server === undefined ? {} : { serverName: flags.server }),
    ...(flags.preset === undefined ? {} : { presetName: flags.preset }),
    dryRun: flags.dryRun ?? false,
    healthTimeoutMs: flags.healthTimeout * 1000,
    log: (line) => console.error(line),
    out: (text) => console.log(text),
  });
}

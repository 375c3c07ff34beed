// The options every campaign verb shares (sweep, instance-sweep, tune): the server, the config, a dry run, the
// load engine or the load generators, and the health wait of each deploy; and what they become in the
// campaign's options.
import { Option, type Command } from 'commander';
import { ENGINES, type EngineName } from '../../runner/engine-choice.ts';
import { intOption } from '../../util/parse-number.ts';
import { addGeneratorsOption } from './generators-option.ts';

export interface CampaignFlags {
  server?: string;
  config?: string;
  dryRun?: boolean;
  engine: EngineName;
  healthTimeout: number;
  generators?: string;
}

/** Adds the shared campaign options to `command`; `serverHelp` says which server is the default. */
export function addCampaignOptions(command: Command, serverHelp: string): Command {
  return addGeneratorsOption(command)
    .option('--server <name>', serverHelp)
    .option('--config <path>', 'the config file (default: $CONFIG or config/llama.yaml)')
    .option('--dry-run', 'print the plan and stop: no deploy, no run or campaign folder')
    .addOption(new Option('--engine <name>', 'the load engine').choices(ENGINES).default('auto'))
    .option(
      '--health-timeout <seconds>',
      'how long each deploy waits for /health',
      intOption('--health-timeout', 1, 3600),
      180,
    );
}

/** The campaign options from the flags; progress goes to stderr, the plan and the tables to stdout. */
export function campaignRunOptions(flags: CampaignFlags): {
  server?: string;
  dryRun: boolean;
  engine: EngineName;
  healthTimeoutMs: number;
  /** Load generators by name (--generators), resolved against the config the campaign reads. */
  generators?: string;
  log: (line: string) => void;
  out: (text: string) => void;
} {
  return {
    ...(flags.server === undefined ? {} : { server: flags.server }),
    ...(flags.generators === undefined ? {} : { generators: flags.generators }),
    dryRun: flags.dryRun ?? false,
    engine: flags.engine,
    healthTimeoutMs: flags.healthTimeout * 1000,
    log: (line) => console.error(line),
    out: (text) => console.log(text),
  };
}

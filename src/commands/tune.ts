import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readSweepSpec } from '../campaign/read-sweep-spec.ts';
import { parseObjective } from '../results/objective-defaults.ts';
import { runTune } from '../tune/run-tune.ts';
import { DEFAULT_TUNE } from '../tune/types.ts';
import { intOption, parseShare } from '../util/parse-number.ts';
import { addCampaignOptions, campaignRunOptions, type CampaignFlags } from './options/campaign-options.ts';

interface TuneFlags extends CampaignFlags {
  spec: string;
  objective?: string;
  eta: number;
  rungs: number;
  minSeconds: number;
  maxLoad?: string;
  preset: string | false;
  capacity?: number | true;
}

/** `inferload tune` (make tune): the sweep spec's configurations searched adaptively, the winner as a preset. */
export function registerTune(program: Command): void {
  const command = program
    .command('tune')
    .description(
      "search a sweep spec's server configurations for the most goodput under an objective, in a fraction of the sweep's load time (docs/tune.md)",
    )
    .requiredOption('--spec <path>', 'the sweep spec, e.g. config/sweeps/tune-local.yaml')
    .option(
      '--objective <list>',
      "what the best configuration must hold (default: $INFERLOAD_OBJECTIVE, else the spec's, else ttft_p95=2s,tpot_p95=100ms,errors=1%)",
    )
    .option(
      '--eta <n>',
      'each rung keeps 1/eta of the one before, with cells eta times longer',
      intOption('--eta', 2, 10),
      DEFAULT_TUNE.eta,
    )
    .option(
      '--rungs <n>',
      'rungs; the last runs cells of the spec duration',
      intOption('--rungs', 1, 6),
      DEFAULT_TUNE.rungs,
    )
    .option(
      '--min-seconds <s>',
      'the shortest cell',
      intOption('--min-seconds', 1, 3600),
      DEFAULT_TUNE.minSeconds,
    )
    .option('--max-load <share>', "load time allowed, as a share of the exhaustive sweep's (default 25%)")
    .option('--preset <name>', 'the preset the winner is written as, into the config file', 'tuned')
    .option('--no-preset', 'write no preset')
    .option(
      '--capacity [seconds]',
      "then search the best configuration's capacity (make capacity), steps of at most this long (60)",
      intOption('--capacity', 5, 3600),
    );
  addCampaignOptions(command, "a server from the config (default: the spec's, else the first one)").action(
    async (flags: TuneFlags) => {
      const objective = flags.objective ?? (process.env['INFERLOAD_OBJECTIVE'] || undefined);
      if (objective !== undefined) parseObjective(objective);
      const result = await runTune({
        spec: await readSweepSpec(resolve(flags.spec)),
        ...(flags.config === undefined ? {} : { config: flags.config }),
        ...(objective === undefined ? {} : { objective }),
        settings: {
          eta: flags.eta,
          rungs: flags.rungs,
          minSeconds: flags.minSeconds,
          maxLoadShare: parseShare('--max-load', flags.maxLoad, DEFAULT_TUNE.maxLoadShare),
        },
        ...(flags.preset === false ? {} : { presetName: flags.preset }),
        ...(flags.capacity === undefined
          ? {}
          : { capacityStepSeconds: flags.capacity === true ? 60 : flags.capacity }),
        ...campaignRunOptions(flags),
      });
      for (const file of result.files) console.log(`saved: ${file}`);
    },
  );
}

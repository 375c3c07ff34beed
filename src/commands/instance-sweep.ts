import type { Command } from 'commander';
import { runInstanceSweep } from '../campaign/run-instance-sweep.ts';
import { failUnlessComplete } from '../campaign/run-sweep.ts';
import { addCampaignOptions, campaignRunOptions, type CampaignFlags } from './options/campaign-options.ts';

interface InstanceSweepFlags extends CampaignFlags {
  spec?: string;
}

/** `inferload instance-sweep` (make instance-sweep): the old script's variables, run as a campaign. */
export function registerInstanceSweep(program: Command): void {
  const command = program
    .command('instance-sweep')
    .description(
      'instances x parallel slots x concurrency behind nginx, from LLAMA_INSTANCES_RANGE, LLAMA_PARALLEL_RANGE, LLAMA_CONCURRENCY_RANGE, ...',
    )
    .option(
      '--spec <path>',
      'the spec the variables are laid over (default: config/sweeps/instance-sweep.yaml)',
    );
  addCampaignOptions(command, "a server from the config (default: the spec's)").action(
    async (flags: InstanceSweepFlags) => {
      const result = await runInstanceSweep({
        ...(flags.spec === undefined ? {} : { specPath: flags.spec }),
        env: process.env,
        ...(flags.config === undefined ? {} : { configPath: flags.config }),
        ...campaignRunOptions(flags),
      });
      if (result.run) failUnlessComplete(result.run);
    },
  );
}

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readSweepSpec } from '../campaign/read-sweep-spec.ts';
import { failUnlessComplete, runSweep } from '../campaign/run-sweep.ts';
import { addCampaignOptions, campaignRunOptions, type CampaignFlags } from './options/campaign-options.ts';

interface SweepFlags extends CampaignFlags {
  spec: string;
}

/** `inferload sweep` (make sweep): a campaign over a sweep spec's server and load factors, resumable. */
export function registerSweep(program: Command): void {
  const command = program
    .command('sweep')
    .description('run a campaign: every server configuration x load level of a sweep spec, resumable')
    .requiredOption('--spec <path>', 'the sweep spec, e.g. config/sweeps/quick.yaml');
  addCampaignOptions(command, "a server from the config (default: the spec's, else the first one)").action(
    async (flags: SweepFlags) => {
      const result = await runSweep({
        spec: await readSweepSpec(resolve(flags.spec)),
        ...(flags.config === undefined ? {} : { config: flags.config }),
        ...campaignRunOptions(flags),
      });
      if (!result.run) return;
      for (const file of result.run.files) console.log(`saved: ${file}`);
      failUnlessComplete(result.run);
    },
  );
}

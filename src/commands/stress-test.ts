import type { Command } from 'commander';
import { runLoad } from '../runner/run-load.ts';
import {
  addProfileOptions,
  failUnlessPassed,
  loadRequestFrom,
  printRunEnd,
  type ProfileFlags,
} from './options/profile-options.ts';
import { generatorsFrom } from '../distributed/resolve-generators.ts';
import { addGeneratorsOption } from './options/generators-option.ts';

interface StressFlags extends ProfileFlags {
  profile: string;
  target?: string;
  generators?: string;
  config?: string;
}

/** `inferload stress-test` (make stress-test): one profile against a target, saved under benchmarks/. */
export function registerStressTest(program: Command): void {
  const command = program
    .command('stress-test')
    .description('run a load profile against a target and save the run under benchmarks/')
    .option('--profile <name>', 'light, medium, heavy, saturation or soak', 'light')
    .option('--target <url>', 'the server (default: the local target, started if needed)')
    .option('--config <path>', 'the config file (with --generators; default: $CONFIG or config/llama.yaml)');
  addGeneratorsOption(command);
  addProfileOptions(command).action(async (flags: StressFlags) => {
    const generators = await generatorsFrom(flags.generators, flags.config);
    const request = loadRequestFrom(flags.profile, flags.target, flags);
    const result = await runLoad(generators ? { ...request, generators } : request);
    printRunEnd(result);
    failUnlessPassed(result);
  });
}

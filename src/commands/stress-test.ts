import type { Command } from 'commander';
import { runLoad } from '../runner/run-load.ts';
import {
  addProfileOptions,
  failUnlessPassed,
  loadRequestFrom,
  printRunEnd,
  type ProfileFlags,
} from './options/profile-options.ts';

interface StressFlags extends ProfileFlags {
  profile: string;
  target?: string;
}

/** `inferload stress-test` (make stress-test): one profile against a target, saved under benchmarks/. */
export function registerStressTest(program: Command): void {
  const command = program
    .command('stress-test')
    .description('run a load profile against a target and save the run under benchmarks/')
    .option('--profile <name>', 'light, medium, heavy, saturation or soak', 'light')
    .option('--target <url>', 'the server (default: the local target, started if needed)');
  addProfileOptions(command).action(async (flags: StressFlags) => {
    const result = await runLoad(loadRequestFrom(flags.profile, flags.target, flags));
    printRunEnd(result);
    failUnlessPassed(result);
  });
}

import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { requireDeployedRecord } from '../deploy/deployed-record.ts';
import { runLoad } from '../runner/run-load.ts';
import {
  defaultProfileFlags,
  failUnlessPassed,
  loadRequestFrom,
  withServerModel,
  printRunEnd,
} from './options/profile-options.ts';

interface BenchmarkFlags {
  server?: string;
  config?: string;
  profile: string;
  timeScale: string;
  maxTokens: string;
  engine: string;
}

/** `inferload benchmark` (make benchmark): the benchmark profile against the deployed server, stamped with it. */
export function registerBenchmark(program: Command): void {
  program
    .command('benchmark')
    .description('run the benchmark profile against the server `deploy` last deployed, and save the run')
    .option('--server <name>', 'a deployed server (default: the first server in the config)')
    .option('--config <path>', 'the config file')
    .option('--profile <name>', 'the load profile', 'medium')
    .option('--time-scale <x>', 'scale of the profile', '1')
    .option('--max-tokens <n>', 'output tokens per request', '128')
    .option('--engine <name>', 'auto, k6 or embedded', 'auto')
    .action(async (flags: BenchmarkFlags) => {
      const config = await loadConfig(flags.config);
      const serverName = flags.server ?? [...config.servers.keys()][0] ?? '';
      const deployed = requireDeployedRecord(serverName);
      console.error(
        `benchmark: ${serverName} at ${deployed.baseUrl}, preset ${deployed.preset}, fingerprint ${deployed.fingerprint}`,
      );
      const flagsForRun = defaultProfileFlags({
        timeScale: flags.timeScale,
        maxTokens: flags.maxTokens,
        engine: flags.engine,
      });
      const result = await runLoad({
        ...loadRequestFrom(
          flags.profile,
          deployed.baseUrl,
          withServerModel(flagsForRun, config.servers.get(serverName)),
        ),
        deployed,
      });
      printRunEnd(result);
      failUnlessPassed(result);
    });
}

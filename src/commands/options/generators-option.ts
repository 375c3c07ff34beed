// --generators for every verb that runs load (stress-test, sweep, tune, capacity): the config's load_generators
// to split each run over (docs/distributed.md), resolved against the config file the verb reads.
import type { Command } from 'commander';

/** Adds --generators to `command`. */
export function addGeneratorsOption(command: Command): Command {
  return command.option(
    '--generators <a,b,...>',
    "split every run over these load generators (the config's load_generators), merged exactly (docs/distributed.md)",
  );
}

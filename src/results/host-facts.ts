import { cpus, hostname, platform, totalmem } from 'node:os';
import { runCommandSync } from '../process/run-command-sync.ts';
import { projectRoot } from '../util/paths.ts';
import type { RunMeta } from './run-store.ts';

/** The load generator's machine, recorded with every run. */
export function hostFacts(): NonNullable<RunMeta['host']> {
  const cpuList = cpus();
  return {
    hostname: hostname(),
    platform: `${platform()} ${process.arch}`,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
  };
}

/** The toolkit's git revision (with -dirty when the tree has changes), or undefined outside a checkout. */
export function gitRevision(): string | undefined {
  const rev = runCommandSync(['git', 'describe', '--always', '--dirty', '--abbrev=12'], { cwd: projectRoot });
  return rev.code === 0 ? rev.stdout.trim() : undefined;
}

// The command line of one part: `k6 run` (a real k6 there, or inferload's embedded engine through
// bin/inferload.js) with its execution segment, started paused behind its REST API, its outputs in its folder.
import { join } from 'node:path';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { quoteArg, quoteArgv } from '../remote/shell-quote.ts';
import { projectRoot } from '../util/paths.ts';
import { UserError } from '../util/errors.ts';
import type { PartPlan } from './plan-parts.ts';

/** Where a part keeps its files on its host. */
export interface PartPaths {
  dir: string;
  bundle: string;
  summary: string;
  metrics: string;
  stderr: string;
}

export function partPaths(workdir: string, runId: string, part: string): PartPaths {
  const dir = `${workdir}/${runId}-${part}`;
  return {
    dir,
    bundle: `${dir}/bundle.js`,
    summary: `${dir}/summary.json`,
    metrics: `${dir}/metrics.json`,
    stderr: `${dir}/stderr.log`,
  };
}

/** The program that runs the part: the k6 binary, or node with bin/inferload.js (this checkout's for `local`). */
function engineArgv(generator: LoadGeneratorConfig): string[] {
  if (generator.engine === 'k6') return [generator.k6];
  if (generator.inferload !== undefined) return ['node', generator.inferload];
  if (generator.host.connection === 'local')
    return [process.execPath, join(projectRoot, 'bin', 'inferload.js')];
  throw new UserError(
    `load generator '${generator.name}': engine embedded on host '${generator.host.name}' needs ` +
      "'inferload:', the path of bin/inferload.js there (or engine: k6 with 'k6:')",
  );
}

/**
 * argv of `k6 run` for the part: paused, its API on `address` (port 0: the embedded engine picks one and says
 * which), every setting as -e, quiet (the orchestrator draws the live line).
 */
export function partArgv(
  plan: PartPlan,
  paths: PartPaths,
  settings: Readonly<Record<string, string>>,
  address: string,
): string[] {
  const argv = [
    ...engineArgv(plan.generator),
    ...(plan.generator.engine === 'k6' ? [] : ['k6']),
    'run',
    '--paused',
    '--address',
    address,
    '--execution-segment',
    plan.segment,
    '--execution-segment-sequence',
    plan.sequence,
    '--summary-export',
    paths.summary,
    '--out',
    `json=${paths.metrics}`,
    '--quiet',
  ];
  for (const [key, value] of Object.entries(settings)) argv.push('-e', `${key}=${value}`);
  argv.push(paths.bundle);
  return argv;
}

/** The shell line the session runs: the part replaces the shell, its stderr goes to its folder. */
export function partCommand(argv: readonly string[], paths: PartPaths): string[] {
  return ['sh', '-c', `exec ${quoteArgv(argv)} 2>${quoteArg(paths.stderr)}`];
}

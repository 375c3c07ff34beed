import type { Command } from 'commander';
import { DEFAULT_OBJECTIVE, parseObjective } from '../results/objective-defaults.ts';
import { resolveRun } from '../results/resolve-run.ts';
import { UserError } from '../util/errors.ts';
import { COMPARISON_FILES, writeComparison } from '../report/write-comparison.ts';

interface CompareFlags {
  objective?: string;
  out?: string;
}

/** `inferload compare RUN RUN...` (make compare): runs side by side, the best for the objective named. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      `compare saved runs side by side into ${COMPARISON_FILES.html} and ${COMPARISON_FILES.markdown}`,
    )
    .argument(
      '<runs...>',
      "two or more run ids, unique prefixes, run folders or 'latest'; the first is the baseline",
    )
    .option(
      '--objective <targets>',
      'best = most output tok/s within these, e.g. "e2e_p95=10s,errors=1%,ttft=2s,tpot=100ms"',
    )
    .option('--out <dir>', 'where to write (default: benchmarks/compare-<timestamp>/)')
    .action(async (runs: string[], flags: CompareFlags) => {
      if (runs.length < 2) {
        throw new UserError(
          `compare: expected at least 2 runs, got ${runs.length} (${runs.join(', ') || 'none'})`,
        );
      }
      // make compare hands OBJECTIVE over in the environment, so no shell quoting can change it.
      const text = flags.objective ?? process.env['INFERLOAD_OBJECTIVE'];
      const objective = text ? parseObjective(text) : DEFAULT_OBJECTIVE;
      const dirs = runs.map((run) => resolveRun(run));
      const twice = dirs.find((dir, i) => dirs.indexOf(dir) !== i);
      if (twice) throw new UserError(`compare: ${twice} is given twice; expected different runs`);
      const written = await writeComparison(dirs, objective, flags.out);
      for (const warning of written.damage) console.error(`warning: ${warning}`);
      const best = written.comparison.best;
      console.log(best ? `best: ${best.label} (${best.id})` : 'best: no run meets the objective');
      console.log(written.html);
      console.log(written.markdown);
    });
}

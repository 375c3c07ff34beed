import type { Command } from 'commander';
import { listRunRows } from '../results/list-run-rows.ts';
import { renderRunsTable } from '../report/render-runs-table.ts';
import { benchmarksDir } from '../util/paths.ts';

/** `inferload runs` (make runs): the saved runs, newest first. */
export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the saved runs under benchmarks/, newest first')
    .action(() => {
      const root = benchmarksDir();
      console.log(renderRunsTable(listRunRows(root), root));
    });
}

import { join } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../results/damaged-run-file.ts';
import { listRunRows } from '../results/list-run-rows.ts';
import { renderRunsTable } from '../report/render-runs-table.ts';
import { benchmarksDir } from '../util/paths.ts';

/** `inferload runs` (make runs): the saved runs, newest first; damaged ones listed as such, and warned about. */
export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the saved runs under benchmarks/, newest first')
    .action(() => {
      const root = benchmarksDir();
      const rows = listRunRows(root);
      console.log(renderRunsTable(rows, root));
      for (const row of rows) {
        if (row.damaged) console.error(`warning: ${displayPath(join(root, row.id))}/${row.damaged}`);
      }
    });
}

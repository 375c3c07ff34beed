import type { Command } from 'commander';
import { parseObjective } from '../results/objective-defaults.ts';
import { resolveRun } from '../results/resolve-run.ts';
import { RUN_FILES } from '../results/run-files.ts';
import { UserError } from '../util/errors.ts';
import { reportRun } from '../report/write-report.ts';

interface ReportFlags {
  objective?: string;
}

/** `inferload report [RUN]` (make report): a saved run rendered as HTML, Markdown and CSV in its folder. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      `render a saved run as ${RUN_FILES.reportHtml}, ${RUN_FILES.reportMarkdown}, ${RUN_FILES.seriesCsv} and ${RUN_FILES.summaryCsv} in its folder`,
    )
    .argument('[run]', "a run id, a unique prefix of one, a run folder, or 'latest'", 'latest')
    .option('--objective <targets>', 'goodput targets, e.g. "ttft=2s,tpot=100ms,e2e=10s"')
    .action(async (run: string, flags: ReportFlags) => {
      const dir = resolveRun(run);
      const outcome = await reportRun(
        dir,
        flags.objective ? { objective: parseObjective(flags.objective) } : {},
      );
      for (const warning of outcome.damage) console.error(`warning: ${warning}`);
      for (const path of Object.values(outcome.paths)) console.log(path);
      // The report is written either way (it says what is damaged); a run with nothing left is not a success.
      if (outcome.nothingRecovered) {
        throw new UserError(
          `${dir}: nothing could be recovered from this run's files (see the warnings above)`,
          1,
        );
      }
    });
}

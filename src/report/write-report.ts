// `inferload report`: one run folder in, report.html, report.md, series.csv and summary.csv written into it.
import { join } from 'node:path';
import { analyzeRun } from '../results/run-analysis.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { renderReportHtml } from './html-pages.ts';
import { readDiagnosis } from './read-diagnosis.ts';
import { buildReportModel } from './report-model.ts';
import { renderSeriesCsv, renderSummaryCsv } from './render-csv.ts';
import { renderRunMarkdown } from './render-markdown.ts';
import { describeRunDamage, nothingRecovered } from './run-damage.ts';

/** The files a report writes into its run folder. */
export const REPORT_FILES = {
  html: 'report.html',
  markdown: 'report.md',
  seriesCsv: 'series.csv',
  summaryCsv: 'summary.csv',
} as const;

/** The path of each file a report wrote. */
export type ReportPaths = Record<keyof typeof REPORT_FILES, string>;

/** What writing a report found besides its paths: the run's damaged files, and whether anything survived. */
export interface ReportOutcome {
  paths: ReportPaths;
  /** One warning per damaged file, naming it by its path ("benchmarks/<id>/metrics.json.gz: cut short ..."). */
  damage: string[];
  /** Files are damaged and no figure could be recovered from summary.json or metrics.json.gz. */
  nothingRecovered: boolean;
}

/** Analyses a run folder and writes its reports there (each file atomically); returns their paths. */
export async function writeReport(
  dir: string,
  options: { objective?: RunObjective } = {},
): Promise<ReportPaths> {
  return (await reportRun(dir, options)).paths;
}

/** writeReport, also saying which of the run's files are damaged (the reports show it too). */
export async function reportRun(
  dir: string,
  options: { objective?: RunObjective } = {},
): Promise<ReportOutcome> {
  const analysis = await analyzeRun(dir, options.objective ? { slo: options.objective.slo } : {});
  const { diagnosis, problem } = readDiagnosis(dir);
  const model = buildReportModel(analysis, { diagnosis, diagnosisProblem: problem });
  const contents: Record<keyof typeof REPORT_FILES, string> = {
    html: renderReportHtml(model),
    markdown: renderRunMarkdown(model),
    seriesCsv: renderSeriesCsv(analysis),
    summaryCsv: renderSummaryCsv(analysis, diagnosis),
  };
  const paths = {} as ReportPaths;
  for (const key of Object.keys(REPORT_FILES) as (keyof typeof REPORT_FILES)[]) {
    paths[key] = join(dir, REPORT_FILES[key]);
    writeFileAtomic(paths[key], contents[key]);
  }
  return { paths, damage: describeRunDamage(analysis), nothingRecovered: nothingRecovered(analysis) };
}

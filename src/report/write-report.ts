// `inferload report`: one run folder in, report.html, report.md, series.csv and summary.csv written into it.
import { analyzeRun, type RunAnalysis } from '../diagnose/analyze-run.ts';
import type { Diagnosis } from '../diagnose/verdict/diagnosis.ts';
import { computeGoodput } from '../results/goodput.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import { asRunFiles, type RunFiles, type RunTextKey } from '../results/run-files.ts';
import { renderReportHtml } from './html-pages.ts';
import { readDiagnosis } from './read-diagnosis.ts';
import { readSoakVerdicts } from '../diagnose/soak/soak-file.ts';
import { buildReportModel } from './report-model.ts';
import { renderSeriesCsv, renderSummaryCsv } from './render-csv.ts';
import { renderRunMarkdown } from './render-markdown.ts';
import { describeRunDamage, nothingRecovered } from './run-damage.ts';

/** The files a report writes into its run folder, by their run-file key. */
const REPORT_FILES = {
  html: 'reportHtml',
  markdown: 'reportMarkdown',
  seriesCsv: 'seriesCsv',
  summaryCsv: 'summaryCsv',
} as const satisfies Record<string, RunTextKey>;

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

/** How to report, and what the caller already holds of the run so that it is not read or computed again. */
export interface ReportOptions {
  objective?: RunObjective;
  /** The run's analysis; its goodput is counted again against `objective` when one is given. */
  analysis?: RunAnalysis;
  /** The run's diagnosis, instead of reading diagnosis.json. */
  diagnosis?: Diagnosis;
}

/** Analyses a run folder (a path, or one already opened) and writes its reports there atomically; their paths. */
export async function writeReport(run: string | RunFiles, options: ReportOptions = {}): Promise<ReportPaths> {
  return (await reportRun(run, options)).paths;
}

/** writeReport, also saying which of the run's files are damaged (the reports show it too). */
export async function reportRun(run: string | RunFiles, options: ReportOptions = {}): Promise<ReportOutcome> {
  const files = asRunFiles(run);
  const analysis = await reportedAnalysis(files, options);
  const { diagnosis, problem } = options.diagnosis ? { diagnosis: options.diagnosis } : readDiagnosis(files);
  const soak = readSoakVerdicts(files.dir);
  const model = buildReportModel(analysis, {
    diagnosis,
    diagnosisProblem: problem,
    soak: soak.verdicts,
    soakProblem: soak.problem,
  });
  const contents: Record<keyof typeof REPORT_FILES, string> = {
    html: renderReportHtml(model),
    markdown: renderRunMarkdown(model),
    seriesCsv: renderSeriesCsv(analysis),
    summaryCsv: renderSummaryCsv(analysis, diagnosis),
  };
  const paths = {} as ReportPaths;
  for (const key of Object.keys(REPORT_FILES) as (keyof typeof REPORT_FILES)[]) {
    paths[key] = files.write(REPORT_FILES[key], contents[key]);
  }
  return { paths, damage: describeRunDamage(analysis), nothingRecovered: nothingRecovered(analysis) };
}

// An analysis given is reused: only its goodput depends on the objective, and that is cheap to count again.
async function reportedAnalysis(files: RunFiles, options: ReportOptions): Promise<RunAnalysis> {
  const { analysis, objective } = options;
  if (!analysis) return analyzeRun(files, objective ? { slo: objective.slo } : {});
  if (!objective) return analysis;
  return {
    ...analysis,
    goodput: computeGoodput(analysis.requests, objective.slo, analysis.durationSeconds),
  };
}

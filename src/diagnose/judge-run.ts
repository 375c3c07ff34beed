// Judges a saved run: its diagnostics.jsonl and its throughput per concurrency level, into diagnosis.json.
import { analyzeLoad, type LoadAnalysis } from '../results/run-analysis.ts';
import { asRunFiles, formatRunJson, type RunFiles } from '../results/run-files.ts';
import { loadRunDiagnostics, timedRecords } from './read-diagnostics.ts';
import { computeVerdict } from './verdict/compute-verdict.ts';
import type { Diagnosis } from './verdict/diagnosis.ts';
import type { PresetFacts } from './verdict/recommend.ts';

/** What a caller already holds of the run, so that it is not computed again. */
export interface JudgeGiven {
  /** The run's analysis (analyzeRun's or analyzeLoad's): its concurrency curve is all the verdict reads. */
  analysis?: Pick<LoadAnalysis, 'concurrency'>;
}

/**
 * The diagnosis of the run in `run` (a path, or a folder already opened: what it read is not read again), also
 * written to its diagnosis.json.
 */
export async function judgeRun(
  run: string | RunFiles,
  preset?: PresetFacts,
  given: JudgeGiven = {},
): Promise<Diagnosis> {
  const files = asRunFiles(run);
  const records = timedRecords(loadRunDiagnostics(files));
  const analysis = given.analysis ?? (await analyzeLoad(files));
  const levels = (analysis.concurrency?.levels ?? []).map((level) => ({
    concurrency: level.concurrency,
    outputTokensPerSecond: level.outputTokensPerSecond,
  }));
  const diagnosis = computeVerdict({ records, levels, ...(preset ? { preset } : {}) });
  files.write('diagnosis', formatRunJson({ ...diagnosis, ...(preset ? { preset } : {}) }));
  return diagnosis;
}

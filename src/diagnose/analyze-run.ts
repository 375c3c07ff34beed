// Everything a report shows about one saved run: its load (results/run-analysis.ts) and its host's diagnostics,
// each file of its folder read once.
import { analyzeLoad, type AnalyzeOptions, type LoadAnalysis } from '../results/run-analysis.ts';
import { asRunFiles, RUN_FILES, type RunFiles } from '../results/run-files.ts';
import { computeDiagnosticsSeries } from './compute-diagnostics-series.ts';
import type { DiagnosticsSeries } from './diagnostics-series.ts';
import { loadRunDiagnostics } from './read-diagnostics.ts';

export type { AnalyzeOptions } from '../results/run-analysis.ts';

/** One run, analysed: its load, and diagnostics.jsonl as time series when the run has it. */
export interface RunAnalysis extends LoadAnalysis {
  diagnostics?: DiagnosticsSeries;
}

/**
 * Reads a run folder (a path, or one already opened, whose files read before are not read again) and computes
 * its analysis; only a missing or unreadable meta.json is an error.
 */
export async function analyzeRun(run: string | RunFiles, options: AnalyzeOptions = {}): Promise<RunAnalysis> {
  const files = asRunFiles(run);
  const load = await analyzeLoad(files, options);
  const lines = loadRunDiagnostics(files);
  if (!lines) return { ...load, missing: [...load.missing, RUN_FILES.diagnostics] };
  return {
    ...load,
    truncated: lines.truncated ? [...load.truncated, RUN_FILES.diagnostics] : load.truncated,
    diagnostics: computeDiagnosticsSeries(lines, Date.parse(load.meta.startedAt), load.bucketMs),
  };
}

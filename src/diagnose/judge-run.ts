// Judges a saved run: its diagnostics.jsonl and its throughput per concurrency level, into diagnosis.json.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../results/run-analysis.ts';
import { DIAGNOSTICS_FILE } from './diagnostics-record.ts';
import { readDiagnostics } from './read-diagnostics.ts';
import { computeVerdict } from './verdict/compute-verdict.ts';
import { DIAGNOSIS_FILE, type Diagnosis } from './verdict/diagnosis.ts';
import type { PresetFacts } from './verdict/recommend.ts';

/** The diagnosis of the run in `dir`, also written to its diagnosis.json. */
export async function judgeRun(dir: string, preset?: PresetFacts): Promise<Diagnosis> {
  const records = readDiagnostics(join(dir, DIAGNOSTICS_FILE));
  const analysis = await analyzeRun(dir);
  const levels = (analysis.concurrency?.levels ?? []).map((level) => ({
    concurrency: level.concurrency,
    outputTokensPerSecond: level.outputTokensPerSecond,
  }));
  const diagnosis = computeVerdict({ records, levels, ...(preset ? { preset } : {}) });
  const file = join(dir, DIAGNOSIS_FILE);
  writeFileSync(
    `${file}.tmp`,
    `${JSON.stringify({ ...diagnosis, ...(preset ? { preset } : {}) }, null, 2)}\n`,
  );
  renameSync(`${file}.tmp`, file);
  return diagnosis;
}

// Reads benchmarks/<run-id>/diagnosis.json when `make diagnose` wrote one; a report never fails over it.
import type { Diagnosis } from '../diagnose/verdict/diagnosis.ts';
import { asRunFiles, isAbsent, RUN_FILES, type RunFiles } from '../results/run-files.ts';

/** The diagnosis, or `problem` when the file is there but unusable; neither when there is no file. */
export interface ReadDiagnosis {
  diagnosis?: Diagnosis;
  problem?: string;
}

function looksLikeDiagnosis(value: unknown): value is Diagnosis {
  const d = value as Partial<Diagnosis> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.verdict?.summary === 'string' &&
    Array.isArray(d.findings) &&
    Array.isArray(d.gaps) &&
    typeof d.recommendation === 'string'
  );
}

/** Reads diagnosis.json from a run folder (a path, or one already opened). */
export function readDiagnosis(run: string | RunFiles): ReadDiagnosis {
  const read = asRunFiles(run).read('diagnosis');
  if (isAbsent(read)) return {};
  let parsed: unknown;
  try {
    if ('error' in read) throw read.error;
    parsed = JSON.parse(read.text);
  } catch (error) {
    return { problem: `${RUN_FILES.diagnosis} is not valid JSON (${(error as Error).message})` };
  }
  if (!looksLikeDiagnosis(parsed)) {
    return {
      problem: `${RUN_FILES.diagnosis} lacks a verdict, findings, gaps or recommendation: not shown`,
    };
  }
  return { diagnosis: parsed };
}

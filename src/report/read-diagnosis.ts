// Reads benchmarks/<run-id>/diagnosis.json when `make diagnose` wrote one; a report never fails over it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSIS_FILE, type Diagnosis } from '../diagnose/verdict/diagnosis.ts';

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

/** Reads diagnosis.json from a run folder. */
export function readDiagnosis(dir: string): ReadDiagnosis {
  const file = join(dir, DIAGNOSIS_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: `${DIAGNOSIS_FILE} is not valid JSON (${(error as Error).message})` };
  }
  if (!looksLikeDiagnosis(parsed)) {
    return { problem: `${DIAGNOSIS_FILE} lacks a verdict, findings, gaps or recommendation: not shown` };
  }
  return { diagnosis: parsed };
}

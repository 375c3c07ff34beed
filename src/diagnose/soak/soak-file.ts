// soak-verdicts.json in a run folder: written atomically, read back for the report (never failing it).
import { join } from 'node:path';
import { isAbsent, formatRunJson, readRunFileText } from '../../results/run-files.ts';
import { writeFileAtomic } from '../../util/write-atomic.ts';
import { SOAK_VERDICTS_FILE, type SoakVerdicts } from './soak-verdicts.ts';

/** Writes the verdicts into the run folder `dir`; returns the file's path. */
export function writeSoakVerdicts(dir: string, verdicts: SoakVerdicts): string {
  const path = join(dir, SOAK_VERDICTS_FILE);
  writeFileAtomic(path, formatRunJson(verdicts));
  return path;
}

/** The verdicts of a run folder, `problem` when the file is there but unusable, neither when there is none. */
export function readSoakVerdicts(dir: string): { verdicts?: SoakVerdicts; problem?: string } {
  const read = readRunFileText(join(dir, SOAK_VERDICTS_FILE));
  if (isAbsent(read)) return {};
  try {
    if ('error' in read) throw read.error;
    const parsed = JSON.parse(read.text) as Partial<SoakVerdicts> | null;
    if (
      typeof parsed?.verdict !== 'string' ||
      typeof parsed.memory !== 'object' ||
      !Array.isArray(parsed.windows)
    )
      return { problem: `${SOAK_VERDICTS_FILE} lacks a verdict, memory or windows: not shown` };
    return { verdicts: parsed as SoakVerdicts };
  } catch (error) {
    return { problem: `${SOAK_VERDICTS_FILE} is not readable JSON (${(error as Error).message})` };
  }
}

// A run file that could not be read whole: which file, what is wrong with it, and what was made of it anyway.
import { isAbsolute, relative } from 'node:path';
import { UserError } from '../util/errors.ts';

/** One damaged file of a run folder, described for the person who has to decide whether to trust the run. */
export interface DamagedRunFile {
  /** The file's path as the reader was given it. */
  path: string;
  /** Its name inside the run folder: meta.json, summary.json, metrics.json.gz. */
  file: string;
  /** What is wrong: "not gzip (incorrect header check)", "not valid JSON (Unexpected end of JSON input at line 3)". */
  problem: string;
  /** What was made of it: "read 1,234 points up to there — figures after that moment are missing". */
  recovered: string;
  /** Nothing in the file could be used. */
  unusable: boolean;
}

/** A path as the user would type it: relative to the working directory when it lies under it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const shown = relative(cwd, path);
  return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}

/** "benchmarks/<id>/metrics.json.gz: cut short (...); read 1,234 points up to there — ..." */
export function describeDamage(damage: DamagedRunFile, name = displayPath(damage.path)): string {
  return `${name}: ${damage.problem}; ${damage.recovered}`;
}

/** Thrown where a damaged file leaves nothing to go on (meta.json); the message names the file and the damage. */
export class DamagedRunFileError extends UserError {
  readonly damage: DamagedRunFile;
  constructor(damage: DamagedRunFile) {
    super(describeDamage(damage));
    this.name = 'DamagedRunFileError';
    this.damage = damage;
  }
}

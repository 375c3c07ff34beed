// benchmarks/tunes/<id>/: a tuning's folder and its tune.json, written atomically after every cell so an
// interrupt or a crash loses nothing measured. No meta.json, so the run listing never takes it for a run.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarksDir } from '../util/paths.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import type { TuneRecord } from './types.ts';

export const TUNE_FILE = 'tune.json';

/** A tuning's folder under the benchmarks root (not created). */
export function tuneDir(id: string, root = benchmarksDir()): string {
  return join(root, 'tunes', id);
}

/** Writes tune.json atomically, creating the folder. */
export function writeTuneRecord(dir: string, record: TuneRecord): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, TUNE_FILE);
  writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

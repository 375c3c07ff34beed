// The folders under benchmarks/ that hold runs, readable or damaged: a run is never hidden because a file broke.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarksDir } from '../util/paths.ts';
import type { DamagedRunFile } from './damaged-run-file.ts';
import { readRunMetaFile } from './read-run-meta-file.ts';
import { runFilePath } from './run-files.ts';
import type { RunMeta } from './run-store.ts';

/** One run folder; its id is the folder's name (meta.json's own id is only informative). */
export type RunFolder =
  | { id: string; dir: string; startedAt: string; meta: RunMeta; recordedId?: string }
  /** meta.json is missing or damaged; startedAt is read from the folder's name when it has the usual stamp. */
  | { id: string; dir: string; startedAt?: string; damage: DamagedRunFile };

// Only a run writes these: a folder that has one but no usable meta.json is a damaged run, not something else.
const RUN_ONLY_FILES = ['summary', 'metrics', 'console'] as const;
const STAMP = /^(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-|$)/;

/** The run in folder `dir` named `id`, readable or damaged; undefined when the folder holds no run at all. */
export function readRunFolder(dir: string, id: string): RunFolder | undefined {
  const metaFile = runFilePath(dir, 'meta');
  if (!existsSync(metaFile) && !RUN_ONLY_FILES.some((key) => existsSync(runFilePath(dir, key))))
    return undefined;
  const read = readRunMetaFile(metaFile, id);
  if ('meta' in read) {
    return {
      id,
      dir,
      startedAt: read.meta.startedAt,
      meta: read.meta,
      ...(read.recordedId !== undefined ? { recordedId: read.recordedId } : {}),
    };
  }
  const startedAt = stampedStart(id);
  return { id, dir, ...(startedAt !== undefined ? { startedAt } : {}), damage: read.damage };
}

/**
 * Every run folder under `root`, newest first (damaged ones without a known start last); on a tie, the greater
 * id first, as ids start with their run's start time.
 */
export function listRunFolders(root = benchmarksDir()): RunFolder[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const folders = names.flatMap((name) => readRunFolder(join(root, name), name) ?? []);
  return folders.sort((a, b) => {
    const byStart = startMs(b) - startMs(a);
    return byStart > 0 ? 1 : byStart < 0 ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

function startMs(folder: RunFolder): number {
  const ms = Date.parse(folder.startedAt ?? '');
  return Number.isFinite(ms) ? ms : Number.MIN_SAFE_INTEGER;
}

// createRunDir names folders <yyyymmdd-hhmmss>-<profile>-<random> in UTC.
function stampedStart(id: string): string | undefined {
  const m = STAMP.exec(id);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  return Number.isFinite(Date.parse(iso)) ? iso : undefined;
}

// meta.json read and checked: a run whose meta.json is damaged is named with the damage, never skipped silently.
import { basename, resolve } from 'node:path';
import { UserError } from '../util/errors.ts';
import { DamagedRunFileError, type DamagedRunFile } from './damaged-run-file.ts';
import { describeJsonError } from './describe-json-error.ts';
import { isAbsent, readRunFileText, RUN_FILES, type RunFiles, type RunFileText } from './run-files.ts';
import type { RunMeta } from './run-store.ts';

/** meta.json read: the run (its id the folder's name) and the id the file records when it differs, or the damage. */
export type RunMetaRead = { meta: RunMeta; recordedId?: string } | { damage: DamagedRunFile };

const LOST = 'the run cannot be read without it (its figures may still be in the other files of its folder)';

/** Reads `file` (a run's meta.json); the run's id is `folderId`, the name of its folder, whatever the file says. */
export function readRunMetaFile(file: string, folderId: string): RunMetaRead {
  return checkRunMetaText(readRunFileText(file), file, folderId);
}

/**
 * The meta.json of an opened run folder, its id the folder's name: a missing one is a UserError naming the
 * folder, a damaged one a DamagedRunFileError naming the file and the damage.
 */
export function loadRunMeta(files: RunFiles): { meta: RunMeta; recordedId?: string } {
  const read = files.read('meta');
  if (isAbsent(read)) {
    throw new UserError(
      `${files.dir}: no ${RUN_FILES.meta} in this folder (not a run folder, or its run never started)`,
    );
  }
  const checked = checkRunMetaText(read, files.path('meta'), basename(resolve(files.dir)));
  if ('damage' in checked) throw new DamagedRunFileError(checked.damage);
  return checked;
}

function checkRunMetaText(read: RunFileText, file: string, folderId: string): RunMetaRead {
  const damaged = (problem: string): RunMetaRead => ({
    damage: { path: file, file: RUN_FILES.meta, problem, recovered: LOST, unusable: true },
  });
  if ('error' in read) {
    return damaged(read.absent ? 'missing' : `unreadable (${read.error.message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    return damaged(`not valid JSON (${describeJsonError(read.text, error)})`);
  }
  const problem = checkMeta(value);
  if (problem) return damaged(problem);
  const meta = value as RunMeta;
  const recorded = meta.id;
  return {
    meta: { ...meta, id: folderId },
    ...(typeof recorded === 'string' && recorded !== folderId ? { recordedId: recorded } : {}),
  };
}

// The fields every reader relies on; the others are optional to every reader.
function checkMeta(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `not a run's ${RUN_FILES.meta} (expected an object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)})`;
  }
  const meta = value as Record<string, unknown>;
  if (typeof meta['startedAt'] !== 'string' || !Number.isFinite(Date.parse(meta['startedAt']))) {
    return `startedAt: expected an ISO date, got ${shown(meta['startedAt'])}`;
  }
  for (const key of ['profile', 'target']) {
    if (typeof meta[key] !== 'string') return `${key}: expected a string, got ${shown(meta[key])}`;
  }
  if (typeof meta['partial'] !== 'boolean')
    return `partial: expected true or false, got ${shown(meta['partial'])}`;
  return undefined;
}

function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

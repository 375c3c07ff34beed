// Where a batch test lives: benchmarks/batch-<time>-<input>/, found again by the input's hash to resume.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';

export interface BatchRunRecord {
  readonly inputPath: string;
  readonly inputHash: string;
  readonly batches: number;
  readonly createdAt: string;
  finished: boolean;
}

export interface RunFolder {
  readonly dir: string;
  readonly record: BatchRunRecord;
  readonly resumed: boolean;
}

const RECORD = 'batch-run.json';

function stamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

/** The input's name, safe for a folder name. */
export function describeInputName(path: string): string {
  return (
    basename(path, extname(path))
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 60) || 'input'
  );
}

function readRecord(dir: string): BatchRunRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD), 'utf8')) as BatchRunRecord;
  } catch {
    return undefined;
  }
}

export function saveRecord(dir: string, record: BatchRunRecord): void {
  writeFileAtomic(join(dir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

/** The newest unfinished folder for the same input hash, or a new one; `fresh` always starts a new one. */
export function openRunFolder(
  root: string,
  inputPath: string,
  hash: string,
  batches: number,
  fresh: boolean,
): RunFolder {
  const name = describeInputName(inputPath);
  if (!fresh && existsSync(root)) {
    const candidates = readdirSync(root)
      .filter((entry) => entry.startsWith('batch-') && entry.endsWith(`-${name}`))
      .sort()
      .reverse();
    for (const entry of candidates) {
      const record = readRecord(join(root, entry));
      if (record && !record.finished && record.inputHash === hash && record.batches === batches)
        return { dir: join(root, entry), record, resumed: true };
    }
  }
  let dir = join(root, `batch-${stamp(new Date())}-${name}`);
  for (let n = 2; existsSync(dir); n++) dir = join(root, `batch-${stamp(new Date())}-${n}-${name}`);
  mkdirSync(dir, { recursive: true });
  const record: BatchRunRecord = {
    inputPath: resolve(inputPath),
    inputHash: hash,
    batches,
    createdAt: new Date().toISOString(),
    finished: false,
  };
  saveRecord(dir, record);
  return { dir, record, resumed: false };
}

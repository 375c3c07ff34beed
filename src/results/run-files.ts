// The files of one run folder: every name, written atomically, and read through one object that reads each file
// from disk once however many analyses ask for it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { readMetricPoints, type MetricPoint, type ReadPointsOptions } from './read-metric-points.ts';

/** Every file a run folder may hold, by what it is. */
export const RUN_FILES = {
  meta: 'meta.json',
  summary: 'summary.json',
  metrics: 'metrics.json.gz',
  console: 'console.log',
  diagnostics: 'diagnostics.jsonl',
  diagnosis: 'diagnosis.json',
  reportHtml: 'report.html',
  reportMarkdown: 'report.md',
  seriesCsv: 'series.csv',
  summaryCsv: 'summary.csv',
} as const;

export type RunFileKey = keyof typeof RUN_FILES;
export type RunFileName = (typeof RUN_FILES)[RunFileKey];
/** The files read as text: all but the gzipped metric stream. */
export type RunTextKey = Exclude<RunFileKey, 'metrics'>;

/** A file's text, or why it could not be read; `absent` when that is because there is no such file. */
export type RunFileText = { text: string } | { error: NodeJS.ErrnoException; absent: boolean };

/** One run folder, opened: each text file is read from disk at most once, and kept for the next reader. */
export interface RunFiles {
  readonly dir: string;
  path(key: RunFileKey): string;
  has(key: RunFileKey): boolean;
  read(key: RunTextKey): RunFileText;
  /** Writes the file atomically; the next read gets this text without going to disk. */
  write(key: RunTextKey, content: string): string;
  /** Streams metrics.json.gz: it can be gigabytes, so it is never kept. */
  metricPoints(options?: ReadPointsOptions): AsyncGenerator<MetricPoint>;
  /** Reads from disk by file name, so a caller (a test) can check that nothing was read twice. */
  readonly reads: Readonly<Partial<Record<RunFileName, number>>>;
}

/** The path of a run file. */
export function runFilePath(dir: string, key: RunFileKey): string {
  return join(dir, RUN_FILES[key]);
}

/** A file's text, or the error that kept it from being read. */
export function readRunFileText(path: string): RunFileText {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    return { error: failure, absent: failure.code === 'ENOENT' };
  }
}

/** True when the read found no file. */
export function isAbsent(read: RunFileText): boolean {
  return 'error' in read && read.absent;
}

/** Writes a run file atomically (a reader never sees half of it); returns its path. */
export function writeRunFile(dir: string, key: RunFileKey, content: string): string {
  const path = runFilePath(dir, key);
  writeFileAtomic(path, content);
  return path;
}

/** A JSON run file's text: indented, ending with a newline. */
export function formatRunJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a run file as JSON (formatRunJson), atomically; returns its path. */
export function writeRunJson(dir: string, key: RunFileKey, value: unknown): string {
  return writeRunFile(dir, key, formatRunJson(value));
}

/** Opens the run folder `dir`; nothing is read until asked for. */
export function openRunFiles(dir: string): RunFiles {
  const texts = new Map<RunFileKey, RunFileText>();
  const reads: Partial<Record<RunFileName, number>> = {};
  const count = (key: RunFileKey): void => {
    reads[RUN_FILES[key]] = (reads[RUN_FILES[key]] ?? 0) + 1;
  };
  return {
    dir,
    reads,
    path: (key) => runFilePath(dir, key),
    has(key) {
      const kept = texts.get(key);
      return kept ? !isAbsent(kept) : existsSync(runFilePath(dir, key));
    },
    read(key) {
      const kept = texts.get(key);
      if (kept) return kept;
      count(key);
      const read = readRunFileText(runFilePath(dir, key));
      texts.set(key, read);
      return read;
    },
    write(key, content) {
      const path = writeRunFile(dir, key, content);
      texts.set(key, { text: content });
      return path;
    },
    metricPoints(options) {
      count('metrics');
      return readMetricPoints(runFilePath(dir, 'metrics'), options);
    },
  };
}

/** The run folder as given, or opened from its path. */
export function asRunFiles(run: string | RunFiles): RunFiles {
  return typeof run === 'string' ? openRunFiles(run) : run;
}

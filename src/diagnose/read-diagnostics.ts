// Reads a run's diagnostics.jsonl back, once for every reader: a line cut short by a crash, or one not
// understood, is skipped (and counted).
import { isAbsent, readRunFileText, type RunFiles } from '../results/run-files.ts';
import type { DiagnosticsRecord } from './diagnostics-record.ts';

/** The lines of diagnostics.jsonl that name a known source, in file order, and what was skipped. */
export interface DiagnosticsLines {
  records: DiagnosticsRecord[];
  /** Lines skipped: unknown sources, or not JSON (a cut last line is not counted). */
  ignoredLines: number;
  /** The file ends in the middle of a line: the sampler was writing it when the run stopped. */
  truncated: boolean;
}

const SOURCES = new Set(['host', 'gpu', 'server', 'client', 'note']);

/** The records of the file at `path` stamped on the run's clock, in order; [] when the file does not exist. */
export function readDiagnostics(path: string): DiagnosticsRecord[] {
  const read = readRunFileText(path);
  if (isAbsent(read)) return [];
  if ('error' in read) throw read.error;
  return timedRecords(parseDiagnostics(read.text));
}

/** The diagnostics.jsonl of an opened run folder; undefined when it has none. */
export function loadRunDiagnostics(files: RunFiles): DiagnosticsLines | undefined {
  const read = files.read('diagnostics');
  if (isAbsent(read)) return undefined;
  if ('error' in read) throw read.error;
  return parseDiagnostics(read.text);
}

/** The records that carry `t`, the ms since the run started that the verdict reads. */
export function timedRecords(lines: DiagnosticsLines | undefined): DiagnosticsRecord[] {
  return (lines?.records ?? []).filter((record) => typeof record.t === 'number');
}

/** Parses the text of a diagnostics.jsonl. */
export function parseDiagnostics(text: string): DiagnosticsLines {
  const lines = text.split('\n');
  // Every line ends with a newline: what follows the last one is a line the sampler was writing when it stopped.
  const cut = lines.pop() ?? '';
  const read: DiagnosticsLines = { records: [], ignoredLines: 0, truncated: cut.trim() !== '' };
  const add = (line: string, last: boolean): void => {
    if (line.trim() === '') return;
    let record: DiagnosticsRecord;
    try {
      record = JSON.parse(line) as DiagnosticsRecord;
    } catch {
      if (!last) read.ignoredLines += 1;
      return;
    }
    if (typeof record !== 'object' || record === null || !SOURCES.has(record.source)) {
      read.ignoredLines += 1;
      return;
    }
    read.records.push(record);
  };
  for (const line of lines) add(line, false);
  add(cut, true);
  return read;
}

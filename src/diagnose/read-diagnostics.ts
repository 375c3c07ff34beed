// Reads a run's diagnostics.jsonl back; a line cut short by a crash, or one not understood, is skipped.
import { readFileSync } from 'node:fs';
import type { DiagnosticsRecord } from './diagnostics-record.ts';

const SOURCES = new Set(['host', 'gpu', 'server', 'client', 'note']);

/** The records of the file, in order; [] when the file does not exist. */
export function readDiagnostics(path: string): DiagnosticsRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: DiagnosticsRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const record = JSON.parse(line) as DiagnosticsRecord;
      if (SOURCES.has(record.source) && typeof record.t === 'number') records.push(record);
    } catch {
      // a line cut short when the run was killed
    }
  }
  return records;
}

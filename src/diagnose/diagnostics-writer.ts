// Appends diagnostics records to benchmarks/<run-id>/diagnostics.jsonl as they come, so a crashed or
// interrupted run keeps every sample taken so far.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { DiagnosticsRecord } from './diagnostics-record.ts';

export interface DiagnosticsWriter {
  write(record: DiagnosticsRecord): void;
  close(): void;
}

/** Opens the file for appending; each record is one line, written at once. */
export function openDiagnosticsWriter(path: string): DiagnosticsWriter {
  const fd = openSync(path, 'a');
  let open = true;
  return {
    write(record) {
      if (open) writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}

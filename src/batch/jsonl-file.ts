// Append-only JSONL files that survive a kill: lines written as they come, fsync'd on demand, a torn tail dropped.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { UserError } from '../util/errors.ts';

/** Reads every complete line; a torn last line (a kill mid-write) is cut off the file so appends stay clean. */
export function readJsonlRepairing<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const rows: T[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    if (line.trim() !== '') {
      try {
        rows.push(JSON.parse(line) as T);
      } catch (error) {
        if (!last) throw new UserError(`${path}:${index + 1}: damaged line (${(error as Error).message})`);
        truncateSync(path, Buffer.byteLength(text.slice(0, offset)));
        return rows;
      }
      // A complete JSON value without its newline: keep it and finish the line.
      if (last) appendFileSync(path, '\n');
    }
    offset += line.length + 1;
  }
  return rows;
}

/** One JSONL file open for appending. */
export class JsonlAppender {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  /** Written at once (a SIGKILL keeps it: it is in the kernel), durable on disk at the next sync. */
  append(row: unknown): void {
    writeSync(this.fd, `${JSON.stringify(row)}\n`);
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

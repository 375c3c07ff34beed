// A local process's resident memory, read straight from /proc (the server under batch-test, the engine under
// make bench's soak row).
import { readFileSync } from 'node:fs';

/** VmRSS in bytes, or undefined when the process is gone or /proc is not there. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

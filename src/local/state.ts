import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localStateDir } from '../util/paths.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';

/** What `inferload local start` launched, so that `stop` ends exactly that process. */
export interface LocalServerState {
  kind: 'llama-server' | 'sim';
  pid: number;
  host: string;
  port: number;
  url: string;
  slots: number;
  threads: number;
  ctxPerSlot: number;
  model?: string;
  logFile: string;
  startedAt: string;
  argv: string[];
}

export function localStateFile(): string {
  return join(localStateDir(), 'server.json');
}

export function readLocalState(): LocalServerState | undefined {
  try {
    return JSON.parse(readFileSync(localStateFile(), 'utf8')) as LocalServerState;
  } catch {
    return undefined;
  }
}

export function writeLocalState(state: LocalServerState): void {
  const file = localStateFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function clearLocalState(): void {
  rmSync(localStateFile(), { force: true });
}

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localStateDir } from '../util/paths.ts';

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
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function clearLocalState(): void {
  rmSync(localStateFile(), { force: true });
}

// Per-batch bookkeeping (batch-N/state.json): how it ran, when, whether it finished, the server's batch id.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';

export interface BatchState {
  mode: 'client' | 'api';
  /** Each sitting's wall-clock span, epoch ms: a resumed batch has more than one. */
  segments: { start: number; end: number | undefined }[];
  finished: boolean;
  /** The server's batch id (Batch API), so a rerun polls it instead of creating another. */
  apiBatchId?: string | undefined;
}

export function batchDir(runDir: string, batch: number): string {
  return join(runDir, `batch-${batch}`);
}

export function readBatchState(dir: string): BatchState | undefined {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as BatchState;
}

export function saveBatchState(dir: string, state: BatchState): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

/** Starts a sitting: a new state, or the old one with a new segment. */
export function beginBatchState(dir: string, mode: BatchState['mode']): BatchState {
  const state = readBatchState(dir) ?? { mode, segments: [], finished: false };
  state.segments.push({ start: Date.now(), end: undefined });
  saveBatchState(dir, state);
  return state;
}

/** Time the batch actually ran: the sum of its sittings (a killed sitting counts up to its last result). */
export function measureActiveMs(state: BatchState, lastResultAt: number | undefined): number {
  return state.segments.reduce((sum, s) => {
    const end = s.end ?? (lastResultAt !== undefined && lastResultAt > s.start ? lastResultAt : s.start);
    return sum + (end - s.start);
  }, 0);
}

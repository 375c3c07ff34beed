// One batch through the server's Batch API; the server's batch id is saved first, so a rerun polls, not resends.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BatchInput } from './batch-input.ts';
import { saveBatchState, type BatchState } from './batch-state.ts';
import { createApiBatch, downloadApiFile, pollApiBatch } from './batch-api-client.ts';
import type { ProgressLine } from './progress-line.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';

export async function runApiBatch(
  dir: string,
  input: BatchInput,
  state: BatchState,
  baseUrl: string,
  progress: ProgressLine,
  position: { batch: number; batches: number },
): Promise<void> {
  const endpoint = input.requests[0]?.url ?? '/v1/chat/completions';
  if (state.apiBatchId === undefined) {
    const text = readFileSync(input.path, 'utf8');
    state.apiBatchId = await createApiBatch(baseUrl, text, basename(input.path), endpoint);
    saveBatchState(dir, state);
  }
  const started = Date.now();
  const batch = await pollApiBatch(baseUrl, state.apiBatchId, (b) => {
    const counts = b.request_counts ?? { total: input.requests.length, completed: 0, failed: 0 };
    const done = counts.completed + counts.failed;
    progress.update({
      ...position,
      chunk: 1,
      chunks: 1,
      done,
      total: counts.total || input.requests.length,
      doneNow: done,
      elapsedMs: Date.now() - started,
      failures: new Map(counts.failed > 0 ? [['failed', counts.failed]] : []),
      retries: 0,
    });
  });
  progress.finish();
  const output = await downloadApiFile(baseUrl, batch.output_file_id);
  const errors = await downloadApiFile(baseUrl, batch.error_file_id);
  // One output.jsonl holds every result, as in client mode; errors.jsonl keeps the server's error file as sent.
  const lines = [output, errors].flatMap((text) => text.split('\n').filter((l) => l.trim() !== ''));
  writeFileAtomic(join(dir, 'output.jsonl'), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  if (errors !== '') writeFileAtomic(join(dir, 'errors.jsonl'), errors);
}

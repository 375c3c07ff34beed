// Emulates a batch on the client: chunks with bounded concurrency, results appended as they arrive.
import { join } from 'node:path';
import { Agent } from 'undici';
import type { BatchRequest } from './batch-input.ts';
import { JsonlAppender, readJsonlRepairing } from './jsonl-file.ts';
import { describeFailure, isSuccess, type OutputLine, type RequestTiming } from './output-line.ts';
import type { ProgressLine } from './progress-line.ts';
import { sendBatchRequest } from './send-request.ts';

export interface ClientBatchSettings {
  readonly baseUrl: string;
  readonly chunk: number;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs: number;
  readonly batch: number;
  readonly batches: number;
  readonly progress: ProgressLine;
}

/** Runs every request whose result is not stored yet; a stored result is never sent again. */
export async function runClientBatch(
  dir: string,
  requests: readonly BatchRequest[],
  s: ClientBatchSettings,
): Promise<void> {
  const stored = readJsonlRepairing<OutputLine>(join(dir, 'output.jsonl'));
  readJsonlRepairing<RequestTiming>(join(dir, 'requests.jsonl'));
  const done = new Set(stored.map((line) => line.custom_id));
  const failures = new Map<string, number>();
  for (const line of stored) {
    if (!isSuccess(line)) failures.set(describeFailure(line), (failures.get(describeFailure(line)) ?? 0) + 1);
  }
  const output = new JsonlAppender(join(dir, 'output.jsonl'));
  const timings = new JsonlAppender(join(dir, 'requests.jsonl'));
  const dispatcher = new Agent({ connections: s.concurrency });
  const chunks = Math.ceil(requests.length / s.chunk);
  const started = Date.now();
  let doneNow = 0;
  let retries = 0;
  const show = (chunk: number, force = false): void =>
    s.progress.update(
      {
        batch: s.batch,
        batches: s.batches,
        chunk,
        chunks,
        done: done.size,
        total: requests.length,
        doneNow,
        elapsedMs: Date.now() - started,
        failures,
        retries,
      },
      force,
    );
  const settings = {
    baseUrl: s.baseUrl,
    dispatcher,
    retries: s.retries,
    timeoutMs: s.timeoutMs,
    onRetry: () => void retries++,
  };
  try {
    for (let k = 0; k < chunks; k++) {
      const offset = k * s.chunk;
      const todo = requests
        .slice(offset, offset + s.chunk)
        .map((req, i) => ({ req, index: offset + i }))
        .filter(({ req }) => !done.has(req.customId));
      if (todo.length === 0) continue;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let item = todo[next++]; item; item = todo[next++]) {
          const { line, timing } = await sendBatchRequest(settings, item.req, item.index);
          output.append(line);
          timings.append(timing);
          done.add(line.custom_id);
          doneNow++;
          if (!isSuccess(line))
            failures.set(describeFailure(line), (failures.get(describeFailure(line)) ?? 0) + 1);
          show(k + 1);
        }
      };
      await Promise.all(Array.from({ length: Math.min(s.concurrency, todo.length) }, worker));
      output.sync();
      timings.sync();
      show(k + 1, true);
    }
  } finally {
    output.close();
    timings.close();
    s.progress.finish();
    await dispatcher.close();
  }
}

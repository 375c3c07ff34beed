// Runs a Batch API job: validating -> in_progress -> finalizing -> completed, each line sent to the sim itself.
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import type { SimContext } from './context.ts';
import { nowSec, type BatchError, type BatchStore, type SimBatch } from './batch-store.ts';

interface InputLine {
  readonly customId: string;
  readonly url: string;
  readonly body: unknown;
}

/** Short enough for tests, long enough that a client polling sees "validating". */
const VALIDATING_MS = 50;

function parseLines(text: string, endpoint: string): { lines: InputLine[]; errors: BatchError[] } {
  const lines: InputLine[] = [];
  const errors: BatchError[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const fail = (message: string): void => {
      errors.push({ code: 'invalid_request', message, line: index + 1, param: null });
    };
    let value: { custom_id?: unknown; url?: unknown; body?: unknown };
    try {
      value = JSON.parse(raw) as typeof value;
    } catch {
      return fail('not valid JSON');
    }
    if (typeof value.custom_id !== 'string') return fail('custom_id is missing');
    if (value.url !== endpoint) return fail(`url must be the batch's endpoint ${endpoint}`);
    lines.push({ customId: value.custom_id, url: endpoint, body: value.body });
  });
  return { lines, errors };
}

async function sendLine(
  ctx: SimContext,
  line: InputLine,
  index: number,
): Promise<{ ok: boolean; json: string }> {
  const base = { id: `batch_req_sim${index}`, custom_id: line.customId };
  try {
    const response = await request(`${ctx.selfUrl}${line.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-request-id': line.customId },
      body: JSON.stringify(line.body ?? {}),
      signal: ctx.shutdown.signal,
    });
    const body = (await response.body.json()) as unknown;
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const answer = { status_code: response.statusCode, request_id: `req_sim${index}`, body };
    return { ok, json: JSON.stringify({ ...base, response: answer, error: null }) };
  } catch (error) {
    const failure = { code: 'request_failed', message: (error as Error).message };
    return { ok: false, json: JSON.stringify({ ...base, response: null, error: failure }) };
  }
}

/** Drives one batch to its end; never throws (a failure becomes the batch's status). */
export async function runSimBatch(ctx: SimContext, store: BatchStore, batch: SimBatch): Promise<void> {
  await delay(VALIDATING_MS, undefined, { signal: ctx.shutdown.signal }).catch(() => undefined);
  const input = store.files.get(batch.input_file_id);
  const { lines, errors } = parseLines(input?.content ?? '', batch.endpoint);
  if (errors.length > 0 || lines.length === 0) {
    const none = { code: 'empty_file', message: 'no request in the input file', line: null, param: null };
    batch.errors = { object: 'list', data: errors.length > 0 ? errors : [none] };
    Object.assign(batch, { status: 'failed', failed_at: nowSec() });
    return;
  }
  Object.assign(batch, { status: 'in_progress', in_progress_at: nowSec() });
  batch.request_counts.total = lines.length;
  const outputs: string[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < lines.length && !ctx.shutdown.signal.aborted && batch.status === 'in_progress') {
      const index = next++;
      const line = lines[index];
      if (!line) return;
      const result = await sendLine(ctx, line, index);
      (result.ok ? outputs : failures).push(result.json);
      batch.request_counts[result.ok ? 'completed' : 'failed']++;
    }
  };
  await Promise.all(Array.from({ length: ctx.options.slots }, worker));
  if (batch.status === 'cancelling') {
    Object.assign(batch, { status: 'cancelled', cancelled_at: nowSec() });
    return;
  }
  Object.assign(batch, { status: 'finalizing', finalizing_at: nowSec() });
  if (outputs.length > 0)
    batch.output_file_id = store.addFile('output.jsonl', 'batch_output', `${outputs.join('\n')}\n`).id;
  if (failures.length > 0)
    batch.error_file_id = store.addFile('errors.jsonl', 'batch_output', `${failures.join('\n')}\n`).id;
  Object.assign(batch, { status: 'completed', completed_at: nowSec() });
}

// The server's own Batch API (/v1/files + /v1/batches): upload, create, poll with progress, download.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { UserError } from '../util/errors.ts';

export interface ApiBatchObject {
  readonly id: string;
  readonly status: string;
  readonly output_file_id: string | null;
  readonly error_file_id: string | null;
  readonly request_counts?: { total: number; completed: number; failed: number };
  readonly errors?: { data?: { message?: string; line?: number | null }[] } | null;
}

const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

async function callJson(url: string, init: Parameters<typeof request>[1]): Promise<unknown> {
  const response = await request(url, init);
  const text = await response.body.text();
  if (response.statusCode >= 300)
    throw new UserError(`${url}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`, 98);
  return JSON.parse(text) as unknown;
}

/** Whether the target answers GET /v1/batches with a list, as OpenAI (and vLLM with the batch API) do. */
export async function detectBatchApi(baseUrl: string): Promise<boolean> {
  try {
    const response = await request(`${baseUrl}/v1/batches?limit=1`, {
      headersTimeout: 3000,
      bodyTimeout: 3000,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) return false;
    return Array.isArray((JSON.parse(text) as { data?: unknown }).data);
  } catch {
    return false;
  }
}

/** Uploads the JSONL (multipart, purpose=batch) and creates the batch; returns the server's batch id. */
export async function createApiBatch(
  baseUrl: string,
  text: string,
  name: string,
  endpoint: string,
): Promise<string> {
  const boundary = `inferload${randomBytes(8).toString('hex')}`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: application/jsonl\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  const file = (await callJson(`${baseUrl}/v1/files`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  })) as { id: string };
  const batch = (await callJson(`${baseUrl}/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input_file_id: file.id, endpoint, completion_window: '24h' }),
  })) as { id: string };
  return batch.id;
}

/** Polls until the batch is final, reporting its counts; a batch that did not complete is an error. */
export async function pollApiBatch(
  baseUrl: string,
  id: string,
  onProgress: (batch: ApiBatchObject) => void,
  pollMs = 500,
): Promise<ApiBatchObject> {
  for (;;) {
    const batch = (await callJson(`${baseUrl}/v1/batches/${id}`, { method: 'GET' })) as ApiBatchObject;
    onProgress(batch);
    if (FINAL.has(batch.status)) {
      if (batch.status === 'completed') return batch;
      const why = (batch.errors?.data ?? [])
        .map((e) => `line ${e.line ?? '-'}: ${e.message ?? ''}`)
        .join('; ');
      throw new UserError(`batch ${id} ended ${batch.status}${why ? `: ${why}` : ''}`, 98);
    }
    await delay(pollMs);
  }
}

/** The text of an output or error file; '' when the batch has none. */
export async function downloadApiFile(baseUrl: string, fileId: string | null): Promise<string> {
  if (fileId === null) return '';
  const response = await request(`${baseUrl}/v1/files/${fileId}/content`);
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new UserError(`file ${fileId}: HTTP ${response.statusCode}`, 98);
  return text;
}

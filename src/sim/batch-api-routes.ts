// The OpenAI Batch API (POST /v1/files, /v1/batches; GET /v1/batches/{id}, /v1/files/{id}/content), opt-in.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context.ts';
import { BatchStore, describeFile } from './batch-store.ts';
import { parseJsonBody, readBody, RequestError, sendJson, sendText } from './http-io.ts';
import { parseMultipart, readBoundary } from './multipart.ts';
import { asObject, optionalObject, optionalString } from './request-fields.ts';
import { runSimBatch } from './run-sim-batch.ts';

const ENDPOINTS = ['/v1/chat/completions', '/v1/completions'];
const stores = new WeakMap<SimContext, BatchStore>();

/** Whether a path belongs to the Batch API (served only with options.batchApi). */
export function isBatchApiPath(path: string): boolean {
  return /^\/v1\/(files|batches)(\/|$)/.test(path);
}

function storeOf(ctx: SimContext): BatchStore {
  const store = stores.get(ctx) ?? new BatchStore();
  stores.set(ctx, store);
  return store;
}

async function uploadFile(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts = parseMultipart(await readBody(req), readBoundary(req.headers['content-type']));
  const file = parts.find((p) => p.name === 'file');
  const purpose = parts.find((p) => p.name === 'purpose')?.text ?? '';
  if (!file) throw new RequestError(400, "missing the 'file' part");
  if (purpose !== 'batch') throw new RequestError(400, `purpose must be 'batch', got '${purpose}'`);
  const stored = storeOf(ctx).addFile(file.filename ?? 'upload.jsonl', purpose, file.text);
  sendJson(res, 200, describeFile(stored));
}

async function createBatch(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = asObject(parseJsonBody(await readBody(req)));
  const store = storeOf(ctx);
  const inputFileId = optionalString(body, 'input_file_id') ?? '';
  const endpoint = optionalString(body, 'endpoint') ?? '';
  if (!store.files.has(inputFileId)) throw new RequestError(404, `no such file: '${inputFileId}'`);
  if (!ENDPOINTS.includes(endpoint))
    throw new RequestError(400, `endpoint must be one of ${ENDPOINTS.join(', ')}, got '${endpoint}'`);
  const metadata = (optionalObject(body, 'metadata') ?? null) as Record<string, string> | null;
  const window = optionalString(body, 'completion_window') ?? '24h';
  const batch = store.addBatch(inputFileId, endpoint, window, metadata);
  void runSimBatch(ctx, store, batch);
  sendJson(res, 200, batch);
}

/** Answers a Batch API request; throws RequestError for the server to send. */
export async function handleBatchApi(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const store = storeOf(ctx);
  const [, , kind = '', id = '', action = ''] = path.split('/');
  const method = req.method ?? 'GET';
  if (kind === 'files' && id === '' && method === 'POST') return uploadFile(ctx, req, res);
  if (kind === 'batches' && id === '' && method === 'POST') return createBatch(ctx, req, res);
  if (kind === 'batches' && id === '' && method === 'GET')
    return sendJson(res, 200, {
      object: 'list',
      data: [...store.batches.values()].reverse(),
      has_more: false,
    });
  if (method === 'GET' && kind === 'batches' && action === '') {
    const batch = store.batches.get(id);
    if (!batch) throw new RequestError(404, `no such batch: '${id}'`);
    return sendJson(res, 200, batch);
  }
  if (method === 'POST' && kind === 'batches' && action === 'cancel') {
    const batch = store.batches.get(id);
    if (!batch) throw new RequestError(404, `no such batch: '${id}'`);
    if (batch.status === 'in_progress' || batch.status === 'validating') batch.status = 'cancelling';
    return sendJson(res, 200, batch);
  }
  if (method === 'GET' && kind === 'files' && id !== '') {
    const file = store.files.get(id);
    if (!file) throw new RequestError(404, `no such file: '${id}'`);
    if (action === 'content') return sendText(res, 200, 'application/jsonl', file.content);
    if (action === '') return sendJson(res, 200, describeFile(file));
  }
  throw new RequestError(404, `File Not Found: ${path}`);
}

// Small HTTP helpers: body reading, JSON and error replies in llama-server's or Ollama's error shape.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** llama-server and OpenAI-style routes answer `{error:{code,message,type}}`; Ollama answers `{error}`. */
export type ErrorStyle = 'llama' | 'ollama';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A client mistake the router answers with `status` and `message`. */
export class RequestError extends Error {
  readonly status: number;
  readonly type: string | undefined;
  constructor(status: number, message: string, type?: string) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
    this.type = type;
  }
}

const LLAMA_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'server_error',
  501: 'not_supported_error',
  503: 'unavailable_error',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  style: ErrorStyle,
  status: number,
  message: string,
  type?: string,
): void {
  if (style === 'ollama') return sendJson(res, status, { error: message });
  const errorType =
    type ?? LLAMA_ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  sendJson(res, status, { error: { code: status, message, type: errorType } });
}

/** Reads the whole body as UTF-8, refusing more than 16 MiB. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new RequestError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON request body; an empty body counts as `{}`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RequestError(400, `invalid JSON body: ${(error as Error).message}`);
  }
}

let isoCache = { ms: -1, text: '' };

/** ISO time for Ollama's created_at, formatted at most once per millisecond. */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoCache.ms) isoCache = { ms, text: new Date(ms).toISOString() };
  return isoCache.text;
}

// Reads an OpenAI Batch JSONL input and lists every bad line with file:line before anything is sent.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../util/errors.ts';

export const BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/completions'] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

export interface BatchRequest {
  readonly customId: string;
  readonly url: BatchEndpoint;
  readonly body: Record<string, unknown>;
  /** 1-based line in the input file. */
  readonly line: number;
}

export interface InputProblem {
  readonly line: number;
  readonly message: string;
}

export interface BatchInput {
  readonly path: string;
  readonly requests: readonly BatchRequest[];
  /** sha256 of the file's bytes: resuming matches on it. */
  readonly hash: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLine(value: unknown, firstUrl: string | undefined): string | BatchRequest['url'] {
  if (!isObject(value)) return 'expected a JSON object';
  const id = value['custom_id'];
  if (typeof id !== 'string' || id === '') return 'custom_id is missing (a non-empty string is required)';
  if (value['method'] !== 'POST') return `method must be "POST", got ${JSON.stringify(value['method'])}`;
  const url = BATCH_ENDPOINTS.find((u) => u === value['url']);
  if (!url)
    return `unsupported url ${JSON.stringify(value['url'])}: supported are ${BATCH_ENDPOINTS.join(', ')}`;
  if (firstUrl !== undefined && url !== firstUrl)
    return `url ${url} differs from the first request's ${firstUrl}: a batch has one endpoint`;
  if (!isObject(value['body'])) return 'body is missing (the request as a JSON object is required)';
  if (value['body']['stream'] === true) return 'body.stream is true: batch requests are not streamed';
  return url;
}

/** Parses the text of a batch input; blank lines are skipped, every other problem is reported with its line. */
export function parseBatchInput(text: string): { requests: BatchRequest[]; problems: InputProblem[] } {
  const requests: BatchRequest[] = [];
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const checked = checkLine(value, requests[0]?.url);
    if (!isObject(value) || !checked.startsWith('/')) return problems.push({ line, message: checked });
    const customId = String(value['custom_id']);
    const first = seen.get(customId);
    if (first !== undefined)
      return problems.push({ line, message: `duplicate custom_id "${customId}" (first on line ${first})` });
    seen.set(customId, line);
    requests.push({
      customId,
      url: checked as BatchEndpoint,
      body: value['body'] as BatchRequest['body'],
      line,
    });
  });
  if (requests.length === 0 && problems.length === 0)
    problems.push({ line: 1, message: 'no request in the file' });
  return { requests, problems };
}

/** Reads and validates the input file; throws one UserError listing every problem as path:line. */
export function readBatchInput(path: string): BatchInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UserError(
      `--input: cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const { requests, problems } = parseBatchInput(bytes.toString('utf8'));
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${path}:${p.line}: ${p.message}`);
    const count = problems.length === 1 ? '1 bad line' : `${problems.length} bad lines`;
    throw new UserError(`--input: ${count}, nothing was sent:\n${lines.join('\n')}`);
  }
  return { path, requests, hash: createHash('sha256').update(bytes).digest('hex') };
}

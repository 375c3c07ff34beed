// One result in OpenAI's batch output format, and what a batch test reads back out of it.

export interface OutputLine {
  readonly id: string;
  readonly custom_id: string;
  readonly response: { status_code: number; request_id: string; body: unknown } | null;
  readonly error: { code: string; message: string } | null;
}

/** Client-side timing kept beside output.jsonl (requests.jsonl): the output format has no place for it. */
export interface RequestTiming {
  readonly custom_id: string;
  /** Epoch ms the last attempt started. */
  readonly start: number;
  readonly ms: number;
  readonly attempts: number;
}

export interface LineUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** undefined when the server did not report prompt_tokens_details.cached_tokens. */
  readonly cachedTokens: number | undefined;
  /** Ollama-style load_duration, in ms, when the answer carries one. */
  readonly loadMs: number | undefined;
}

/** A result counts as a success only with a 2xx response and no error. */
export function isSuccess(line: OutputLine): boolean {
  const status = line.response?.status_code ?? 0;
  return line.error === null && status >= 200 && status < 300;
}

/** The error kind of a failed line: its transport error code, or http_<status>. */
export function describeFailure(line: OutputLine): string {
  return line.error?.code ?? `http_${line.response?.status_code ?? 0}`;
}

function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Token usage and load time from a response body (OpenAI usage; Ollama's load_duration in ns). */
export function readUsage(body: unknown): LineUsage {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const usage = (record['usage'] ?? {}) as Record<string, unknown>;
  const details = (usage['prompt_tokens_details'] ?? {}) as Record<string, unknown>;
  const loadNs = readNumber(record['load_duration']);
  return {
    promptTokens: readNumber(usage['prompt_tokens']) ?? 0,
    completionTokens: readNumber(usage['completion_tokens']) ?? 0,
    cachedTokens: readNumber(details['cached_tokens']),
    loadMs: loadNs === undefined ? undefined : loadNs / 1e6,
  };
}

/** Why an LLM request failed: an HTTP status, or what went wrong with the stream. */
export type ErrorKind = `http_${number}` | 'timeout' | 'disconnect' | 'malformed' | 'network';

/** What one request measured, whatever the API; times in ms from the moment the request was sent. */
export interface LlmResult {
  errorKind?: ErrorKind;
  e2eMs: number;
  ttftMs?: number;
  itlMs: number[];
  promptTokens?: number;
  outputTokens?: number;
  finishReason?: string;
  /** True when a length stop was asked for (fixed output length with ignore_eos). */
  lengthIntended: boolean;
  serverPromptMs?: number;
  serverTpotMs?: number;
}

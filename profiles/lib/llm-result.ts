/**
 * Why an LLM request failed: the server's HTTP status (`proxy_502`: nginx's own, in front of instances), what went wrong on the connection (docs/profiles.md
 * lists what each means), or an answer that is not the API's.
 */
export type ErrorKind =
  | `http_${number}`
  | `proxy_${number}`
  | 'timeout'
  | 'connect_refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'header_overflow'
  | 'disconnect'
  | 'malformed'
  | 'network';

/** What one request measured, whatever the API; times in ms from the moment the request was sent. */
export interface LlmResult {
  errorKind?: ErrorKind;
  /** Set with errorKind: the transport's own error text, or a short description of the status or answer. */
  errorMessage?: string;
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

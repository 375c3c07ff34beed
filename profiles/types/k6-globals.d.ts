// Types for xk6-sse (the `k6/x/sse` extension), from its sse.go: open() blocks until the stream ends.
declare module 'k6/x/sse' {
  export interface SseEvent {
    id: string;
    name: string;
    data: string;
    comment: string;
  }
  export interface SseError {
    error(): string;
  }
  export interface SseClient {
    on(event: 'open', handler: () => void): void;
    on(event: 'event', handler: (event: SseEvent) => void): void;
    on(event: 'error', handler: (error: SseError) => void): void;
    close(): void;
  }
  export interface SseParams {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    tags?: Record<string, string>;
    timeout?: string;
  }
  export interface SseResponse {
    url: string;
    status: number;
    headers: Record<string, string>;
    error: string;
  }
  export function open(url: string, params: SseParams, callback: (client: SseClient) => void): SseResponse;
  const sse: { open: typeof open };
  export default sse;
}

// Set by the build: true in the `.http.js` variant, which must not import k6/x/sse.
declare const __INFERLOAD_HTTP_ONLY__: boolean;

// k6 v1 and the embedded engine provide performance.now(); older k6 builds do not, hence the optional type.
declare const performance: { now(): number } | undefined;

// k6 provides console (log, info, warn, error, debug) in every context.
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

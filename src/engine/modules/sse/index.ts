// The k6/x/sse module of the embedded engine.
export { type K6SseModule, createSseModule } from './sse-module.ts';
export type { SseResponse } from './sse-stream.ts';
export type { SseEvent } from './sse-line-parser.ts';
export { SseLineParser } from './sse-line-parser.ts';

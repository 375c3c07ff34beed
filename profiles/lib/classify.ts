import type { ErrorKind } from './llm-result.ts';

/** Maps a transport error text (k6/http `error`, xk6-sse `error()`) to an error kind. */
export function classifyTransportError(message: string): ErrorKind {
  const text = message.toLowerCase();
  if (text.includes('timeout') || text.includes('deadline exceeded')) return 'timeout';
  if (
    text.includes('eof') ||
    text.includes('reset') ||
    text.includes('closed') ||
    text.includes('broken pipe')
  ) {
    return 'disconnect';
  }
  return 'network';
}

/** JSON.parse that returns undefined instead of throwing, so a garbage chunk is counted, not fatal. */
export function tryParseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

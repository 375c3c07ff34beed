// Reads SSE or NDJSON bodies into payloads with arrival times, keeping what came before an abrupt end.

export interface TimedPayload {
  readonly text: string;
  readonly at: number;
}

export interface ReadResult {
  readonly payloads: TimedPayload[];
  /** Set when the body ended with an error (the server destroyed the socket). */
  readonly error?: unknown;
}

async function readSplit(
  response: Response,
  separator: string,
  pick: (block: string) => string[],
): Promise<ReadResult> {
  const payloads: TimedPayload[] = [];
  const reader = response.body?.getReader();
  if (!reader) return { payloads };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf(separator)) >= 0) {
        for (const text of pick(buffer.slice(0, end))) payloads.push({ text, at });
        buffer = buffer.slice(end + separator.length);
      }
    }
  } catch (error) {
    return { payloads, error };
  }
  return { payloads };
}

/** SSE `data:` payloads, one per event. */
export function readSse(response: Response): Promise<ReadResult> {
  return readSplit(response, '\n\n', (block) =>
    block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6)),
  );
}

/** NDJSON lines. */
export function readNdjson(response: Response): Promise<ReadResult> {
  return readSplit(response, '\n', (line) => (line.trim() === '' ? [] : [line]));
}

/** JSON.parse that returns undefined for text that is not JSON. */
export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Simulator options for fast, jitter-free integration tests. */
export const FAST = {
  decodeMsPerToken: 2,
  promptTokensPerSecond: 100_000,
  jitter: 0,
  naturalTokensMin: 5,
  naturalTokensMax: 12,
};

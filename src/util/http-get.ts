// One GET for every health probe, metrics poll and server fact: undici's request, which (unlike fetch) has no
// list of browser-blocked ports, so a server on port 6000 or 10080 is reachable like any other.
import { request } from 'undici';

export interface HttpGetOptions {
  /** Milliseconds for the headers, and again for the body. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest response head accepted, in bytes (undici's default otherwise). */
  maxHeaderSize?: number;
}

export interface HttpGetResult {
  status: number;
  /** The body as text; empty when `readBody` was false. */
  text: string;
}

/** GETs `url`; rejects on a transport failure (undici's errors, with their `code`). */
export async function httpGet(
  url: string | URL,
  options: HttpGetOptions,
  readBody = true,
): Promise<HttpGetResult> {
  const response = await request(url, {
    method: 'GET',
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    // maxHeaderSize is a dispatcher option in undici's types; per request it is honoured as well.
    ...(options.maxHeaderSize === undefined ? {} : ({ maxHeaderSize: options.maxHeaderSize } as object)),
  });
  if (!readBody) {
    await response.body.dump();
    return { status: response.statusCode, text: '' };
  }
  return { status: response.statusCode, text: await response.body.text() };
}

/** GETs `url` and parses its body as JSON; rejects when the status is not 2xx or the body is not JSON. */
export async function httpGetJson(url: string | URL, timeoutMs: number): Promise<unknown> {
  const { status, text } = await httpGet(url, { timeoutMs });
  if (status < 200 || status >= 300) throw new Error(`${String(url)} answered HTTP ${status}`);
  return JSON.parse(text) as unknown;
}

/** The status `url` answers with, or undefined when nothing answered in time. */
export async function httpStatus(url: string | URL, timeoutMs: number): Promise<number | undefined> {
  try {
    return (await httpGet(url, { timeoutMs }, false)).status;
  } catch {
    return undefined;
  }
}

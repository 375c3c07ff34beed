// An HTTP error status as an error kind: nginx's own 502/504 in front of a server's instances count apart.
import type { ErrorKind } from './llm-result.ts';

// What deploy's nginx puts on the answers it makes itself (src/deploy/render-nginx.ts; profiles cannot import it).
const PROXY_ERROR_HEADER = 'x-inferload-proxy-error';
const PROXY_ERROR_TYPE = 'inferload_proxy_error';

/** `proxy_502` when nginx answered for an instance that could not, else `http_<status>` (the server's own). */
export function statusErrorKind(
  status: number,
  headers: Record<string, string> | undefined,
  body: string | undefined,
): ErrorKind {
  const marked =
    Object.keys(headers ?? {}).some((name) => name.toLowerCase() === PROXY_ERROR_HEADER) ||
    (body?.includes(PROXY_ERROR_TYPE) ?? false);
  return marked ? `proxy_${status}` : `http_${status}`;
}

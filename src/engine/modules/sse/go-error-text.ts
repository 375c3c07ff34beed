// Error strings as Go's http.Client prints them, which xk6-sse passes through to scripts.

export const DEADLINE_EXCEEDED = 'context deadline exceeded';
export const CONTEXT_CANCELED = 'context canceled';

/** `Get "http://x/": dial tcp 127.0.0.1:1: connect: connection refused` for a failed request. */
export function goRequestError(method: string, url: string, reason: string): string {
  const op = method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
  return `${op} "${url}": ${reason}`;
}

/** The Go wording of a Node socket error where there is a close equivalent. */
export function goReason(err: unknown): string {
  const e = err as { code?: unknown; address?: unknown; port?: unknown; message?: unknown; errors?: unknown };
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.code === undefined) return goReason(e.errors[0]);
  const target = e.address === undefined ? '' : ` ${String(e.address)}:${String(e.port)}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `dial tcp${target}: connect: connection refused`;
    case 'ECONNRESET':
      return 'read: connection reset by peer';
    case 'UND_ERR_SOCKET':
      return 'unexpected EOF';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `dial tcp${target}: i/o timeout`;
    default:
      return typeof e.message === 'string' ? e.message : String(err);
  }
}

// A failed request's transport error from Node or undici, named in the profiles' error-kind vocabulary
// (docs/profiles.md: connect_refused, reset, timeout, dns, tls, header_overflow, malformed, network).

export interface TransportError {
  kind: string;
  /** Node's or undici's code ('' when there is none). */
  code: string;
  /** The message, OpenSSL's library prefix and source path dropped ("wrong version number"). */
  message: string;
}

const CODE_KINDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connect_refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  UND_ERR_HEADERS_OVERFLOW: 'header_overflow',
};

/** The kind of `error` (fetch's nested `cause` too); `network` when nothing more is known. */
export function describeTransportError(error: unknown): TransportError {
  const err = error as { code?: unknown; message?: unknown; name?: unknown; cause?: { code?: unknown } };
  const own = typeof err.code === 'string' ? err.code : undefined;
  const nested = typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  const code = own ?? nested ?? (err.name === 'HTTPParserError' ? 'HPE_INVALID' : '');
  const raw = typeof err.message === 'string' ? err.message : String(error);
  const message = /SSL routines:[^:]*:([^:]+):/.exec(raw)?.[1] ?? raw.trim();
  const kind =
    CODE_KINDS[code] ??
    (/ssl|tls|wrong version number|certificate|CERT_|EPROTO/i.test(`${code} ${message}`)
      ? 'tls'
      : code.startsWith('HPE_')
        ? 'malformed'
        : 'network');
  return { kind, code, message };
}

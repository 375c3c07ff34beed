// An incremental HTTP/1.1 response reader for k6/x/sse's own connections: the head once, then the body
// (content-length, chunked, or up to the close) handed on as slices of the socket's chunks, without copies.
// Failures carry the texts Go's http.Transport gives xk6-sse for the same responses.
import { HEADERS_TOO_LARGE, MAX_RESPONSE_HEADER_BYTES } from '../http/error-codes.ts';
import { canonicalHeaderKey } from '../http/header-keys.ts';
import { CONNECTION_BROKEN, EOF, UNEXPECTED_EOF, goQuote } from './go-error-text.ts';

/** Receives what the reader finds; `stopped` is checked between steps, so a sink can halt mid-chunk. */
export interface HttpResponseSink {
  readonly stopped: boolean;
  /** The final response's head (1xx interim responses are skipped): canonical names, repeats joined. */
  onResponseHead(status: number, headers: Record<string, string>): void;
  onResponseBody(chunk: Buffer): void;
  onResponseEnd(): void;
  /** The response cannot be read; `reason` is Go's message (no request prefix). */
  onResponseFailure(reason: string): void;
}

/** Go's chunked reader limit on a chunk-size or trailer line. */
const MAX_CHUNK_LINE = 4096;

const HEAD = 0;
const LENGTH = 1;
const UNTIL_CLOSE = 2;
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_END = 5;
const TRAILERS = 6;
const DONE = 7;

const LF = 10;
const CR = 13;
const HTTP_VERSION = /^HTTP\/\d+\.\d+$/;
const STATUS_CODE = /^\d{3}$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEX = /^[0-9A-Fa-f]+$/;

/** Go's readLoop error for a head past the limit, after the transport marks the connection broken. */
const HEAD_TOO_LARGE = `${CONNECTION_BROKEN}${HEADERS_TOO_LARGE}`;

class ProtocolError extends Error {}

export class HttpResponseReader {
  readonly #sink: HttpResponseSink;
  /** No body whatever the headers say (the request was HEAD). */
  readonly #headRequest: boolean;
  #state = HEAD;
  /** The head read so far, in the socket's chunks (copied), until its blank line arrives. */
  #headParts: Buffer[] = [];
  #headBytes = 0;
  /** The last bytes of the partial head, so a blank line split across reads is found. */
  #headTail: Buffer | null = null;
  /** Whether the status line of the head being read has been checked (Go checks it as soon as it arrives). */
  #statusChecked = false;
  /** Body bytes left: of the whole body (LENGTH) or of the current chunk (CHUNK_DATA). */
  #remaining = 0;
  /** A chunk-size or trailer line split across reads. */
  #line = '';
  #sawCr = false;

  constructor(sink: HttpResponseSink, method: string) {
    this.#sink = sink;
    this.#headRequest = method === 'HEAD';
  }

  push(chunk: Buffer): void {
    try {
      this.#push(chunk);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.#state = DONE;
      this.#sink.onResponseFailure(err.message);
    }
  }

  /** The connection ended (FIN): completes a body read up to the close, else reports what was cut short. */
  end(): void {
    const state = this.#state;
    if (state === DONE) return;
    const reason = this.cutShortReason();
    this.#state = DONE;
    if (state === UNTIL_CLOSE) this.#sink.onResponseEnd();
    else this.#sink.onResponseFailure(reason);
  }

  /** Go's text for a connection closed (FIN) at this point: EOF before any byte, unexpected EOF after. */
  cutShortReason(): string {
    if (this.#state !== HEAD) return UNEXPECTED_EOF;
    return this.#headBytes === 0 ? EOF : `${CONNECTION_BROKEN}${UNEXPECTED_EOF}`;
  }

  /** Go's text for a read error (`read tcp ...: read: connection reset by peer`) at this point. */
  readFailureReason(readError: string): string {
    return this.#state === HEAD && this.#headBytes > 0 ? `${CONNECTION_BROKEN}${readError}` : readError;
  }

  #push(chunk: Buffer): void {
    const sink = this.#sink;
    const length = chunk.length;
    let pos = 0;
    while (pos < length && !sink.stopped) {
      switch (this.#state) {
        case HEAD:
          pos = this.#readHead(chunk, pos);
          break;
        case LENGTH:
        case CHUNK_DATA: {
          const take = Math.min(this.#remaining, length - pos);
          const end = pos + take;
          this.#remaining -= take;
          sink.onResponseBody(pos === 0 && end === length ? chunk : chunk.subarray(pos, end));
          pos = end;
          if (this.#remaining === 0) {
            if (this.#state === LENGTH) this.#complete();
            else this.#state = CHUNK_END;
          }
          break;
        }
        case UNTIL_CLOSE:
          sink.onResponseBody(pos === 0 ? chunk : chunk.subarray(pos));
          pos = length;
          break;
        case CHUNK_END: {
          const byte = chunk[pos++];
          if (byte === CR && !this.#sawCr) this.#sawCr = true;
          else if (byte === LF) {
            this.#sawCr = false;
            this.#state = CHUNK_SIZE;
          } else throw new ProtocolError('malformed chunked encoding');
          break;
        }
        case CHUNK_SIZE:
        case TRAILERS: {
          const lf = chunk.indexOf(LF, pos);
          const stop = lf === -1 ? length : lf;
          this.#line += chunk.toString('latin1', pos, stop);
          pos = stop + 1;
          if (lf !== -1) this.#endOfLine();
          else if (this.#line.length > MAX_CHUNK_LINE) {
            throw new ProtocolError('header line too long');
          }
          break;
        }
        default:
          return; // DONE: bytes after the response are ignored
      }
    }
  }

  #endOfLine(): void {
    let line = this.#line;
    this.#line = '';
    if (line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
    if (this.#state === TRAILERS) {
      if (line === '') this.#complete();
      return;
    }
    const semicolon = line.indexOf(';');
    const digits = (semicolon === -1 ? line : line.slice(0, semicolon)).trimEnd();
    if (!HEX.test(digits)) throw new ProtocolError('invalid byte in chunk length');
    if (digits.length > 12) throw new ProtocolError('http chunk length too large');
    const size = parseInt(digits, 16);
    if (size === 0) this.#state = TRAILERS;
    else {
      this.#remaining = size;
      this.#state = CHUNK_DATA;
    }
  }

  // Gathers the head until its blank line; returns where the body starts in `chunk`.
  #readHead(chunk: Buffer, pos: number): number {
    const rest = pos === 0 ? chunk : chunk.subarray(pos);
    const tail = this.#headTail;
    const probe = tail === null ? rest : Buffer.concat([tail, rest]);
    const end = findHeadEnd(probe);
    if (end === -1) {
      if (!this.#statusChecked) this.#checkStatusLine(rest); // a whole head is checked by #parseHead
      this.#headBytes += rest.length;
      if (this.#headBytes > MAX_RESPONSE_HEADER_BYTES) throw new ProtocolError(HEAD_TOO_LARGE);
      this.#headParts.push(Buffer.from(rest)); // copies: the socket may reuse its chunk
      this.#headTail = Buffer.from(probe.subarray(Math.max(0, probe.length - 3)));
      return chunk.length;
    }
    // The blank line ends in this chunk: whatever the tail held was seen (and kept) before.
    const used = end - (tail === null ? 0 : tail.length);
    const headBytes = this.#headBytes + used;
    if (headBytes > MAX_RESPONSE_HEADER_BYTES) throw new ProtocolError(HEAD_TOO_LARGE);
    const parts = this.#headParts;
    parts.push(rest.subarray(0, used));
    const head = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, headBytes);
    this.#headParts = [];
    this.#headBytes = 0;
    this.#headTail = null;
    this.#statusChecked = false;
    this.#parseHead(head.toString('latin1'));
    return pos + used;
  }

  // Go reads the status line first: a server that is not speaking HTTP fails as soon as its first line is in.
  #checkStatusLine(rest: Buffer): void {
    const lf = rest.indexOf(LF);
    if (lf === -1) return;
    this.#statusChecked = true;
    const parts = this.#headParts;
    const first = parts.length === 0 ? rest.subarray(0, lf) : Buffer.concat([...parts, rest.subarray(0, lf)]);
    parseStatusLine(trimCr(first.toString('latin1')));
  }

  #parseHead(text: string): void {
    const lines = text.split('\n');
    const status = parseStatusLine(trimCr(lines[0] ?? ''));
    const headers: Record<string, string> = {};
    let contentLength = -1;
    let transferEncoding: string | null = null;
    for (let i = 1; i < lines.length; i++) {
      const line = trimCr(lines[i] as string);
      if (line === '') continue; // the blank line that ends the head
      const colon = line.indexOf(':');
      const name = colon === -1 ? '' : line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      if (!TOKEN.test(name) || INVALID_VALUE.test(value)) {
        throw new ProtocolError(`${CONNECTION_BROKEN}malformed MIME header line: ${line}`);
      }
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        if (!/^\d+$/.test(value))
          throw new ProtocolError(`${CONNECTION_BROKEN}bad Content-Length ${goQuote(value)}`);
        if (contentLength !== -1 && contentLength !== Number(value)) {
          throw new ProtocolError(
            `${CONNECTION_BROKEN}http: message cannot contain multiple Content-Length headers`,
          );
        }
        contentLength = Number(value);
      } else if (lower === 'transfer-encoding') {
        transferEncoding = transferEncoding === null ? value : `${transferEncoding}, ${value}`;
      }
      const key = canonicalHeaderKey(lower);
      const seen = headers[key];
      headers[key] = seen === undefined ? value : `${seen}, ${value}`;
    }
    if (status >= 100 && status < 200 && status !== 101) return; // interim: the final head follows
    if (this.#headRequest || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      this.#state = DONE;
    } else if (transferEncoding !== null) {
      this.#state = lastCoding(transferEncoding) === 'chunked' ? CHUNK_SIZE : UNTIL_CLOSE;
    } else if (contentLength >= 0) {
      this.#state = contentLength === 0 ? DONE : LENGTH;
      this.#remaining = contentLength;
    } else {
      this.#state = UNTIL_CLOSE;
    }
    this.#sink.onResponseHead(status, headers);
    if (this.#state === DONE && !this.#sink.stopped) this.#sink.onResponseEnd();
  }

  #complete(): void {
    this.#state = DONE;
    this.#sink.onResponseEnd();
  }
}

// The index just past the head's blank line ("\r\n\r\n", or bare "\n" line ends), or -1.
function findHeadEnd(buffer: Buffer): number {
  let lf = buffer.indexOf(LF);
  while (lf !== -1) {
    const next = buffer[lf + 1];
    if (next === LF) return lf + 2;
    if (next === CR && buffer[lf + 2] === LF) return lf + 3;
    lf = buffer.indexOf(LF, lf + 1);
  }
  return -1;
}

/** The status code of a status line, or Go's ReadResponse error for a line that is not one. */
function parseStatusLine(line: string): number {
  const space = line.indexOf(' ');
  if (space === -1) throw new ProtocolError(`${CONNECTION_BROKEN}malformed HTTP response ${goQuote(line)}`);
  const status = line.slice(space + 1).replace(/^ +/, '');
  const codeEnd = status.indexOf(' ');
  const code = codeEnd === -1 ? status : status.slice(0, codeEnd);
  if (!STATUS_CODE.test(code)) {
    throw new ProtocolError(`${CONNECTION_BROKEN}malformed HTTP status code ${goQuote(code)}`);
  }
  const proto = line.slice(0, space);
  if (!HTTP_VERSION.test(proto)) {
    throw new ProtocolError(`${CONNECTION_BROKEN}malformed HTTP version ${goQuote(proto)}`);
  }
  return Number(code);
}

function trimCr(line: string): string {
  return line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line;
}

function lastCoding(transferEncoding: string): string {
  const comma = transferEncoding.lastIndexOf(',');
  return transferEncoding
    .slice(comma + 1)
    .trim()
    .toLowerCase();
}

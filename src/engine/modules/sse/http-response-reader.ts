// An incremental HTTP/1.1 response reader for k6/x/sse's own connections: the head once, then the body
// (content-length, chunked, or up to the close) handed on as slices of the socket's chunks, without copies.
// Failures carry the texts undici gave scripts for the same responses.
import { canonicalHeaderKey } from '../http/header-keys.ts';

/** Receives what the reader finds; `stopped` is checked between steps, so a sink can halt mid-chunk. */
export interface HttpResponseSink {
  readonly stopped: boolean;
  /** The final response's head (1xx interim responses are skipped): canonical names, repeats joined. */
  onResponseHead(status: number, headers: Record<string, string>): void;
  onResponseBody(chunk: Buffer): void;
  onResponseEnd(): void;
  /** The response cannot be read; `reason` is the message undici gave (no request prefix). */
  onResponseFailure(reason: string): void;
}

const PROTOCOL = 'Response does not match the HTTP/1.1 protocol';
/** The connection closed before the head: undici's SocketError, in Go's words (see goReason). */
const UNEXPECTED_EOF = 'unexpected EOF';
const LENGTH_MISMATCH = 'Response body length does not match content-length header';
const EOF_STATE = `${PROTOCOL} (Invalid EOF state)`;
/** undici's (and node's) default limit on a response head. */
const MAX_HEAD_BYTES = 16 * 1024;
const MAX_CHUNK_LINE = 1024;

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
const STATUS_LINE = /^HTTP\/\d\.\d (\d{3})(?: |$)/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEX = /^[0-9A-Fa-f]+$/;

class ProtocolError extends Error {}

export class HttpResponseReader {
  readonly #sink: HttpResponseSink;
  /** No body whatever the headers say (the request was HEAD). */
  readonly #headRequest: boolean;
  #state = HEAD;
  #head: Buffer | null = null;
  /** Body bytes left: of the whole body (LENGTH) or of the current chunk (CHUNK_DATA). */
  #remaining = 0;
  /** A chunk-size or trailer line split across reads. */
  #line = '';
  #sawCr = false;

  constructor(sink: HttpResponseSink, method: string) {
    this.#sink = sink;
    this.#headRequest = method === 'HEAD';
  }

  /** Whether the final response's head has been read. */
  get started(): boolean {
    return this.#state !== HEAD;
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

  /** undici's text for a response whose connection went away (closed or reset) at this point. */
  cutShortReason(): string {
    if (this.#state === HEAD) return UNEXPECTED_EOF;
    return this.#state === LENGTH ? LENGTH_MISMATCH : EOF_STATE;
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
          } else throw new ProtocolError(`${PROTOCOL} (Expected LF after chunk data)`);
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
            throw new ProtocolError(`${PROTOCOL} (Chunk size line too long)`);
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
    if (!HEX.test(digits) || digits.length > 12) {
      throw new ProtocolError(`${PROTOCOL} (Invalid character in chunk size)`);
    }
    const size = parseInt(digits, 16);
    if (size === 0) this.#state = TRAILERS;
    else {
      this.#remaining = size;
      this.#state = CHUNK_DATA;
    }
  }

  // Gathers the head until its blank line; returns where the body starts in `chunk`.
  #readHead(chunk: Buffer, pos: number): number {
    const prior = this.#head;
    const buffer = prior === null ? chunk.subarray(pos) : Buffer.concat([prior, chunk.subarray(pos)]);
    const from = prior === null ? 0 : Math.max(0, prior.length - 3);
    const end = findHeadEnd(buffer, from);
    if (end === -1) {
      if (buffer.length > MAX_HEAD_BYTES) throw new ProtocolError('Headers Overflow Error');
      this.#head = Buffer.from(buffer); // a copy: the socket may reuse its chunk
      return chunk.length;
    }
    if (end > MAX_HEAD_BYTES) throw new ProtocolError('Headers Overflow Error');
    this.#head = null;
    this.#parseHead(buffer.toString('latin1', 0, end));
    return chunk.length - (buffer.length - end);
  }

  #parseHead(text: string): void {
    const lines = text.split('\n');
    const statusLine = trimCr(lines[0] ?? '');
    if (!statusLine.startsWith('HTTP/'))
      throw new ProtocolError(`${PROTOCOL} (Expected HTTP/, RTSP/ or ICE/)`);
    const match = STATUS_LINE.exec(statusLine);
    if (match === null) throw new ProtocolError(`${PROTOCOL} (Invalid status code)`);
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    let contentLength = -1;
    let transferEncoding: string | null = null;
    for (let i = 1; i < lines.length; i++) {
      const line = trimCr(lines[i] as string);
      if (line === '') continue; // the blank line that ends the head
      const colon = line.indexOf(':');
      const name = colon === -1 ? '' : line.slice(0, colon);
      if (!TOKEN.test(name)) throw new ProtocolError(`${PROTOCOL} (Invalid header token)`);
      const value = line.slice(colon + 1).trim();
      if (INVALID_VALUE.test(value)) throw new ProtocolError(`${PROTOCOL} (Invalid header value char)`);
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        if (!/^\d+$/.test(value))
          throw new ProtocolError(`${PROTOCOL} (Invalid character in Content-Length)`);
        if (contentLength !== -1 && contentLength !== Number(value)) {
          throw new ProtocolError(`${PROTOCOL} (Duplicate Content-Length)`);
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
function findHeadEnd(buffer: Buffer, from: number): number {
  let lf = buffer.indexOf(LF, from);
  while (lf !== -1) {
    const next = buffer[lf + 1];
    if (next === LF) return lf + 2;
    if (next === CR && buffer[lf + 2] === LF) return lf + 3;
    lf = buffer.indexOf(LF, lf + 1);
  }
  return -1;
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

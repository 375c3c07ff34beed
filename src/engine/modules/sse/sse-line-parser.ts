// An incremental Server-Sent Events parser with xk6-sse's exact line rules (sse.go readEvents), built
// for throughput: each chunk is decoded once, lines are found with indexOf from a cursor, and field
// values are slices of the decoded chunk; nothing is rescanned.
import { StringDecoder } from 'node:string_decoder';

/** An event as xk6-sse hands it to `client.on('event', fn)`. */
export interface SseEvent {
  id: string;
  comment: string;
  name: string;
  data: string;
}

/** Receives what the parser finds; `stopped` is checked after each line, so close() halts mid-chunk. */
export interface SseSink {
  readonly stopped: boolean;
  onSseEvent(event: SseEvent): void;
  onSseError(message: string): void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;

/**
 * xk6-sse's rules: lines end at "\n" only; "id:", ":" (comment), "event:" and "data:" take the rest of the
 * line after one optional space (a "\r" before the "\n" is kept, except at the end of `data`); "retry:" is
 * ignored; a blank line ("\n" or "\r\n") dispatches an event, even with no data; data lines are joined
 * with "\n" and trailing CR/LF trimmed; any other line is an error "unknown event: <line>\n".
 * A partial line or event at the end of the stream is dropped.
 */
export class SseLineParser {
  readonly #decoder = new StringDecoder('utf8');
  readonly #sink: SseSink;
  #rest = '';
  #id = '';
  #comment = '';
  #name = '';
  #data = '';
  #dataLines = 0;

  constructor(sink: SseSink) {
    this.#sink = sink;
  }

  /** Parses a chunk of the body; multi-byte characters split across chunks are reassembled. */
  push(chunk: Buffer): void {
    const text = this.#decoder.write(chunk);
    let pos = 0;
    if (this.#rest !== '') {
      const lineEnd = text.indexOf('\n');
      if (lineEnd === -1) {
        this.#rest += text; // only the new part was searched: no quadratic rescans of a long line
        return;
      }
      const line = this.#rest + text.slice(0, lineEnd);
      this.#rest = '';
      this.#parseLine(line, 0, line.length);
      pos = lineEnd + 1;
    }
    const length = text.length;
    while (pos < length && !this.#sink.stopped) {
      if (text.charCodeAt(pos) === LF) {
        this.#dispatch(); // blank line: the common second half of "data: ...\n\n"
        pos++;
        continue;
      }
      const lineEnd = text.indexOf('\n', pos);
      if (lineEnd === -1) {
        this.#rest = text.slice(pos);
        return;
      }
      this.#parseLine(text, pos, lineEnd);
      pos = lineEnd + 1;
    }
  }

  // `end` is the index of the line's "\n" (or the end of a joined line), excluded.
  #parseLine(s: string, start: number, end: number): void {
    const first = s.charCodeAt(start);
    if (start === end || (first === CR && end === start + 1)) {
      this.#dispatch();
      return;
    }
    if (first === 100 /* d */ && matches(s, start, 'data:')) {
      const value = s.slice(valueStart(s, start + 5), end);
      this.#data = this.#dataLines++ === 0 ? value : `${this.#data}\n${value}`;
    } else if (first === 105 /* i */ && matches(s, start, 'id:')) {
      this.#id = s.slice(valueStart(s, start + 3), end);
    } else if (first === COLON) {
      this.#comment = s.slice(valueStart(s, start + 1), end);
    } else if (first === 101 /* e */ && matches(s, start, 'event:')) {
      this.#name = s.slice(valueStart(s, start + 6), end);
    } else if (!(first === 114 /* r */ && matches(s, start, 'retry:'))) {
      this.#sink.onSseError(`unknown event: ${s.slice(start, end)}\n`);
    }
  }

  #dispatch(): void {
    let data = this.#data;
    const last = data.charCodeAt(data.length - 1);
    if (last === LF || last === CR) data = trimTrailingNewlines(data);
    const event: SseEvent = { id: this.#id, comment: this.#comment, name: this.#name, data };
    this.#id = this.#comment = this.#name = this.#data = '';
    this.#dataLines = 0;
    this.#sink.onSseEvent(event);
  }
}

// A field name never contains "\n", so a prefix that runs into the line end simply fails to match.
function matches(s: string, start: number, prefix: string): boolean {
  for (let i = 1; i < prefix.length; i++) if (s.charCodeAt(start + i) !== prefix.charCodeAt(i)) return false;
  return true;
}

function valueStart(s: string, afterColon: number): number {
  return s.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

function trimTrailingNewlines(data: string): string {
  let end = data.length;
  while (end > 0) {
    const code = data.charCodeAt(end - 1);
    if (code !== LF && code !== CR) break;
    end--;
  }
  return data.slice(0, end);
}

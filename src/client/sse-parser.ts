/** One Server-Sent Event as the spec defines it (the `data` lines joined by newlines). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental SSE parser: feed it text as it arrives, it returns the events completed by that text.
 * Comment lines (`:` pings that llama-server sends) are skipped; CRLF, CR and LF all end a line.
 */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventName = '';
  private lastId: string | undefined;

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      // A CR at the very end may be the first half of CRLF: wait for more text.
      if (end === cr && end === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, end);
      if (end === cr && this.buffer[end + 1] === '\n') end += 1;
      start = end + 1;
      this.processLine(line, events);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Ends the stream: a trailing event without its blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.dataLines = [];
    return [];
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.dataLines.length > 0) {
        const event: SseEvent = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
        if (this.lastId !== undefined) event.id = this.lastId;
        events.push(event);
      }
      this.dataLines = [];
      this.eventName = '';
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id') this.lastId = value;
  }
}

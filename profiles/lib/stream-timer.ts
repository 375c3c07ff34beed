import { now } from './clock.ts';

/** Times a streamed response: TTFT at the first content chunk, ITL as every later gap between content chunks. */
export class StreamTimer {
  readonly sentAt = now();
  ttftMs: number | undefined;
  readonly itlMs: number[] = [];
  private lastAt = 0;

  /** Call when a chunk carrying generated content arrives (role-only and usage chunks do not count). */
  content(): void {
    const t = now();
    if (this.ttftMs === undefined) this.ttftMs = t - this.sentAt;
    else this.itlMs.push(t - this.lastAt);
    this.lastAt = t;
  }

  elapsed(): number {
    return now() - this.sentAt;
  }
}

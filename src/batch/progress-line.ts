// The live progress line on stderr: rewritten in place on a terminal, a plain line every few seconds otherwise.

export interface ProgressState {
  readonly batch: number;
  readonly batches: number;
  readonly chunk: number;
  readonly chunks: number;
  readonly done: number;
  readonly total: number;
  /** Requests finished in this sitting (resumed ones excluded), for the rate. */
  readonly doneNow: number;
  readonly elapsedMs: number;
  readonly failures: ReadonlyMap<string, number>;
  readonly retries: number;
}

const PLAIN_EVERY_MS = 5000;

/** One line: batch, chunk, requests done, rate, ETA, failures by kind. */
export function formatProgress(s: ProgressState): string {
  const rate = s.elapsedMs > 0 ? (s.doneNow / s.elapsedMs) * 1000 : 0;
  const left = s.total - s.done;
  const eta = rate > 0 ? `${Math.ceil(left / rate)} s` : '-';
  const failed = [...s.failures].map(([kind, n]) => `${kind} ${n}`).join(', ');
  return (
    `batch ${s.batch}/${s.batches} chunk ${s.chunk}/${s.chunks}: ${s.done}/${s.total} done, ` +
    `${rate.toFixed(1)} req/s, ETA ${eta}, failed ${failed === '' ? '0' : failed}` +
    (s.retries > 0 ? `, retries ${s.retries}` : '')
  );
}

export class ProgressLine {
  private lastPlainAt = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  update(state: ProgressState, force = false): void {
    const text = formatProgress(state);
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\u001b[K`);
      this.shown = true;
      return;
    }
    if (!force && this.now() - this.lastPlainAt < PLAIN_EVERY_MS) return;
    this.lastPlainAt = this.now();
    this.stream.write(`${text}\n`);
  }

  /** Ends the rewritten line so that what follows starts on its own. */
  finish(): void {
    if (this.shown) this.stream.write('\n');
    this.shown = false;
  }
}

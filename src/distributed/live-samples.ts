// The parts' samples merged live, in time order: each part's samples arrive in order but late (its JSON output
// is flushed every 200 ms and followed over a session), so a sample is handed on only once every part still
// running has written past its time (k6 writes the vus gauge every second, so each part's mark moves even when
// no request ends). A part that ended no longer holds the others back.
import type { Sample } from '../engine/metrics/types.ts';

export class LiveSampleMerge {
  readonly #queues: Sample[][];
  readonly #marks: number[];
  readonly #ended: boolean[];
  readonly #onSample: (sample: Sample) => void;

  constructor(parts: number, onSample: (sample: Sample) => void) {
    this.#queues = Array.from({ length: parts }, () => []);
    this.#marks = Array.from({ length: parts }, () => Number.NEGATIVE_INFINITY);
    this.#ended = Array.from({ length: parts }, () => false);
    this.#onSample = onSample;
  }

  /** A sample of part `index`, its time already on our clock. */
  add(index: number, sample: Sample): void {
    const queue = this.#queues[index];
    if (!queue || this.#ended[index]) return;
    queue.push(sample);
    this.#marks[index] = Math.max(this.#marks[index] ?? sample.time, sample.time);
    this.#release();
  }

  /** Part `index` writes no more: what it queued goes out in order with the others'. */
  end(index: number): void {
    if (this.#ended[index] === undefined) return;
    this.#ended[index] = true;
    this.#release();
  }

  #release(): void {
    let mark = Number.POSITIVE_INFINITY;
    for (const [i, ended] of this.#ended.entries()) if (!ended) mark = Math.min(mark, this.#marks[i] ?? mark);
    for (;;) {
      // The earliest head among the queues, if it is not past the mark.
      let best = -1;
      for (const [i, queue] of this.#queues.entries()) {
        const head = queue[0];
        if (head && head.time <= mark && (best < 0 || head.time < (this.#queues[best]?.[0]?.time ?? 0)))
          best = i;
      }
      if (best < 0) return;
      this.#onSample(this.#queues[best]?.shift() as Sample);
    }
  }
}

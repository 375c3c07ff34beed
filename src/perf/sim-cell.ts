// One cell of load on the simulator in virtual time: the simulator's own slot scheduler (src/sim/scheduler.ts:
// slots, prefill, lock-step decode with contention, seeded jitter) driven by a hand-run clock instead of timers,
// so a 60-s cell of a configuration takes milliseconds. `users` closed-loop users per instance send the next
// request as soon as one ends; every request that finished inside the cell counts, as in a real run (the
// cold start included). Goodput: finished requests whose TTFT and TPOT met the SLO, per second.
import type { Clock, Timer } from '../sim/clock.ts';
import { SimMetrics } from '../sim/metrics.ts';
import { createRandom, mixSeeds } from '../sim/prng.ts';
import { SlotScheduler } from '../sim/scheduler.ts';
import { percentile } from '../util/percentile.ts';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock whose time moves only when `runUntil` runs the timers due, in order (a binary heap). */
export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly heap: Pending[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): Timer {
    const pending: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.push(pending);
    return { cancel: () => (pending.cancelled = true) };
  }

  /** Runs every timer due up to `end` ms, then sets the time to `end`. */
  runUntil(end: number): void {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > end) break;
      this.pop();
      this.time = top.at;
      if (!top.cancelled) top.callback();
    }
    this.time = end;
  }

  private before(a: Pending, b: Pending): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(item: Pending): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as Pending, heap[parent] as Pending)) break;
      [heap[i], heap[parent]] = [heap[parent] as Pending, heap[i] as Pending];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.before(heap[l] as Pending, heap[m] as Pending)) m = l;
      if (r < heap.length && this.before(heap[r] as Pending, heap[m] as Pending)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Pending, heap[i] as Pending];
      i = m;
    }
  }
}

export interface SimCell {
  instances: number;
  /** Users per instance (closed loop). */
  usersPerInstance: number;
  slots: number;
  promptTokens: number;
  outputTokens: number;
  promptTokensPerSecond: number;
  decodeMsPerToken: number;
  contention: number;
  jitter: number;
  /** Multiplies every step and prefill: threads, oversubscription, shared bandwidth (parallel-model.ts). */
  speedFactor: number;
  ttftMs: number;
  tpotMs: number;
  seconds: number;
  seed: number;
}

export interface SimCellResult {
  finished: number;
  met: number;
  goodput: number;
  /** p95 TTFT and TPOT of the finished requests, ms (k6's interpolation); 0 when none finished. */
  ttftP95: number;
  tpotP95: number;
  /** The objective as the tuner judges a real cell: both p95s within their limits, and something served. */
  held: boolean;
}

/** Runs the cell on the simulator's scheduler in virtual time. */
export function runSimCell(cell: SimCell): SimCellResult {
  const clock = new VirtualClock();
  const end = cell.seconds * 1000;
  let finished = 0;
  let met = 0;
  const ttfts: number[] = [];
  const tpots: number[] = [];
  for (let instance = 0; instance < cell.instances; instance += 1) {
    const scheduler = new SlotScheduler(
      {
        slots: cell.slots,
        promptTokensPerSecond: cell.promptTokensPerSecond,
        decodeMsPerToken: cell.decodeMsPerToken,
        contention: cell.contention,
        jitter: cell.jitter,
        random: createRandom(mixSeeds(cell.seed, instance)),
        speedFactor: () => cell.speedFactor,
      },
      clock,
      new SimMetrics(),
    );
    const random = createRandom(mixSeeds(cell.seed, instance, 7));
    const send = (): void => {
      const sentAt = clock.now();
      let firstAt = -1;
      // Answers vary in length (half to one and a half times the mean), as the simulator's natural lengths do.
      const outputTokens = Math.max(2, Math.round(cell.outputTokens * (0.5 + random())));
      scheduler.submit({
        promptTokens: cell.promptTokens,
        outputTokens,
        limit: outputTokens,
        onToken: (index) => {
          if (index === 0) firstAt = clock.now();
        },
        onFinish: () => {
          const now = clock.now();
          if (now > end) return;
          finished += 1;
          const ttft = firstAt - sentAt;
          const tpot = (now - firstAt) / (outputTokens - 1);
          ttfts.push(ttft);
          tpots.push(tpot);
          if (ttft <= cell.ttftMs && tpot <= cell.tpotMs) met += 1;
          send();
        },
      });
    };
    // Users start over the first second (a short ramp), not all in one instant.
    for (let user = 0; user < cell.usersPerInstance; user += 1)
      clock.setTimer(send, (1000 * user) / cell.usersPerInstance);
  }
  clock.runUntil(end);
  const ttftP95 = percentile(ttfts, 95) ?? 0;
  const tpotP95 = percentile(tpots, 95) ?? 0;
  return {
    finished,
    met,
    goodput: met / cell.seconds,
    ttftP95,
    tpotP95,
    held: finished > 0 && ttftP95 <= cell.ttftMs && tpotP95 <= cell.tpotMs,
  };
}

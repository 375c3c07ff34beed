// A clock the test moves by hand: timers fire in time order as advance() passes them.
import type { Clock, Timer } from '../../../src/sim/clock.ts';

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

export class ManualClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: PendingTimer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): Timer {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward by ms, firing every timer due on the way (including ones they set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.reduce<PendingTimer | undefined>(
        (best, t) =>
          t.at <= end && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) ? t : best,
        undefined,
      );
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}

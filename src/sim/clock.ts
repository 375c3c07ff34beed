// Time source for the scheduler: real timers in the server, a hand-driven clock in unit tests.
import { performance } from 'node:perf_hooks';

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  setTimer(callback: () => void, ms: number): Timer;
}

/** The wall clock: performance.now() and setTimeout. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};

// Who serves the target while a soak runs: the process listening on its loopback port, looked up every interval,
// so that a restart (another pid, or the same pid started again) is seen even when nothing failed.
import { findPortOwner } from './port-owner.ts';

/** One look: epoch ms, and the owner's pid and start time (both absent while nothing listens). */
export interface IdentityReading {
  readonly at: number;
  readonly pid?: number;
  readonly startTicks?: number;
}

export interface IdentityWatch {
  readonly readings: readonly IdentityReading[];
  stop(): IdentityReading[];
}

/** Looks up the owner of `port` now and every `intervalMs` until stopped. */
export function watchServerIdentity(port: number, intervalMs: number): IdentityWatch {
  const readings: IdentityReading[] = [];
  const look = (): void => {
    const owner = findPortOwner(port);
    readings.push(
      owner ? { at: Date.now(), pid: owner.pid, startTicks: owner.startTicks } : { at: Date.now() },
    );
  };
  look();
  const timer = setInterval(look, intervalMs);
  timer.unref();
  return {
    readings,
    stop: () => {
      clearInterval(timer);
      look();
      return readings;
    },
  };
}

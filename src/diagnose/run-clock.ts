// The run's clock: every diagnostics line is stamped with ms since the run started and the wall clock.

export interface RunClock {
  readonly startMs: number;
  stamp(): { t: number; ts: number };
}

/** A clock that starts now (or at `startMs`, the run's own start). */
export function createRunClock(startMs = Date.now()): RunClock {
  return {
    startMs,
    stamp() {
      const ts = Date.now();
      return { t: ts - startMs, ts };
    },
  };
}

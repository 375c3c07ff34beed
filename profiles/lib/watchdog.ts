// The target watchdog, per VU (k6 VUs share no state): when nothing but failures came back for a while, back off
// instead of spinning, say so once, and end the run after a grace period. Pure logic: workload.ts acts on it.

export interface WatchdogFailure {
  kind: string;
  message?: string;
}

/** What the VU should do after a request. */
export interface WatchdogDecision {
  /** Seconds to sleep before the next request (0: carry on). */
  backoffSeconds: number;
  /** A line to print once: the target looks down. */
  warn?: string;
  /** End the whole test with this reason (exec.test.abort). */
  abort?: string;
}

// A single slow failure (one timeout) is not an outage: wait for a few in a row.
const MIN_FAILURES = 3;
const MAX_BACKOFF_SECONDS = 5;

export class TargetWatchdog {
  readonly #watchMs: number;
  readonly #graceMs: number;
  #failingSince: number | undefined;
  #failures = 0;
  #warned = false;

  constructor(watchSeconds: number, graceSeconds: number) {
    this.#watchMs = watchSeconds * 1000;
    this.#graceMs = graceSeconds * 1000;
  }

  /** Called after every request with when it was sent (ms, epoch) and its failure, if it failed. */
  observe(sentAtMs: number, nowMs: number, failure: WatchdogFailure | undefined): WatchdogDecision {
    if (!failure) {
      this.#failingSince = undefined;
      this.#failures = 0;
      this.#warned = false;
      return { backoffSeconds: 0 };
    }
    this.#failingSince ??= sentAtMs;
    this.#failures += 1;
    if (this.#watchMs <= 0 || this.#failures < MIN_FAILURES) return { backoffSeconds: 0 };
    const failingMs = nowMs - this.#failingSince;
    const cause = `last: ${failure.kind}${failure.message ? `: ${failure.message.slice(0, 200)}` : ''}`;
    const seconds = Math.round(failingMs / 1000);
    if (this.#graceMs > 0 && failingMs >= this.#graceMs) {
      return {
        backoffSeconds: 0,
        abort:
          `target down: every request failed for ${seconds} s (${this.#failures} in a row; ${cause}); ` +
          'check that the server at TARGET_URL is up, or raise WATCHDOG_GRACE_SECONDS',
      };
    }
    if (failingMs < this.#watchMs) return { backoffSeconds: 0 };
    const backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, 0.25 * 2 ** (this.#failures - MIN_FAILURES));
    const decision: WatchdogDecision = { backoffSeconds };
    if (!this.#warned) {
      this.#warned = true;
      decision.warn =
        `inferload: every request failed for ${seconds} s (${cause}); backing off, ` +
        `ending the run if it lasts ${Math.round(this.#graceMs / 1000)} s`;
    }
    return decision;
  }
}

// Where a run is in k6's lifecycle (lib/execution.go's ExecutionStatus, same numbers), and k6's --paused start
// gate: a paused run initializes its VUs, then waits for a resume (the REST API's PATCH /v1/status) or a stop.

/** k6's ExecutionStatus values, as GET /v1/status reports them. */
export const EXECUTION_STATUS = {
  created: 0,
  initVUs: 1,
  initExecutors: 2,
  initDone: 3,
  pausedBeforeRun: 4,
  started: 5,
  setup: 6,
  running: 7,
  teardown: 8,
  ended: 9,
  interrupted: 10,
} as const;
export type ExecutionStatus = (typeof EXECUTION_STATUS)[keyof typeof EXECUTION_STATUS];

export class RunStatus {
  status: ExecutionStatus = EXECUTION_STATUS.created;
  /** A threshold failed (set at the end; k6 also sets it while running). */
  tainted = false;
  #paused: boolean;
  #resume: (() => void) | undefined;
  readonly #resumed: Promise<void>;

  constructor(paused: boolean) {
    this.#paused = paused;
    this.#resumed = new Promise((resolve) => (this.#resume = resolve));
    if (!paused) this.#resume?.();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Started and not yet ended, as k6's Status.running. */
  get running(): boolean {
    return this.status >= EXECUTION_STATUS.started && this.status < EXECUTION_STATUS.ended;
  }

  /** Lets a paused run start; a run already going is unchanged. */
  resume(): void {
    this.#paused = false;
    this.#resume?.();
  }

  /**
   * Resolves true once resumed (at once when never paused), false when `signal` aborts first. The status reads
   * PausedBeforeRun while it waits.
   */
  async waitForStart(signal: AbortSignal): Promise<boolean> {
    if (!this.#paused) return !signal.aborted;
    this.status = EXECUTION_STATUS.pausedBeforeRun;
    if (signal.aborted) return false;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<false>((resolve) => {
      onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.#resumed.then(() => true), aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }
}

// A scenario's two deadlines as abort signals, k6's getDurationContexts: regular end, then hard end.
import { createLinkedAbort, now, scheduleAt } from './clock.ts';

/** `regular` aborts at the end of the regular duration, `hard` after the grace period; both on a run abort. */
export class ScenarioDeadlines {
  /** No new iterations once aborted. */
  readonly regular: AbortSignal;
  /** In-flight iterations are interrupted once aborted. */
  readonly hard: AbortSignal;
  private readonly regularAbort: AbortController;
  private readonly hardAbort: { controller: AbortController; dispose: () => void };
  private readonly cancelTimers: (() => void)[] = [];
  private startedAt: number | undefined;

  constructor(
    runSignal: AbortSignal,
    readonly regularMs: number,
    readonly hardMs: number,
  ) {
    this.hardAbort = createLinkedAbort(runSignal);
    this.hard = this.hardAbort.controller.signal;
    const regular = createLinkedAbort(this.hard);
    this.regularAbort = regular.controller;
    this.regular = regular.controller.signal;
  }

  /** Starts both timers from `startedAt` (absolute, monotonic ms). */
  start(startedAt: number): void {
    this.startedAt = startedAt;
    this.cancelTimers.push(
      scheduleAt(startedAt + this.regularMs, () => this.regularAbort.abort()),
      scheduleAt(startedAt + this.hardMs, () => this.hardAbort.controller.abort()),
    );
  }

  /** True once no new iteration may start; reads the clock too, so a late timer cannot let one slip through. */
  regularOver(): boolean {
    return this.regular.aborted || (this.startedAt !== undefined && now() >= this.startedAt + this.regularMs);
  }

  abortHard(reason?: unknown): void {
    this.hardAbort.controller.abort(reason);
  }

  /** Cancels the timers and aborts whatever still waits on the signals (k6 cancels its contexts on return). */
  close(): void {
    for (const cancel of this.cancelTimers) cancel();
    this.hardAbort.controller.abort();
    this.hardAbort.dispose();
  }

  /** Detaches from the run signal without aborting, for a scenario that never started. */
  discard(): void {
    this.hardAbort.dispose();
  }
}

// One ramping-vus VU position that can be started, gracefully stopped or hard-stopped (lib/executor/vu_handle.go).
import { createLinkedAbort } from '../clock.ts';
import type { ScenarioRun } from '../scenario-run.ts';

type SlotState = 'stopped' | 'starting' | 'running' | 'toGracefulStop' | 'toHardStop';

/**
 * Holds a pool VU while started. A graceful stop lets the current iteration finish, then gives the VU back; a
 * hard stop also aborts that iteration. Starting again during a graceful stop just carries on, as in k6.
 */
export class VuSlot {
  /** Set when getting a VU or reporting an iteration failed; the scenario is hard-stopped and the executor rethrows it. */
  failure: unknown;
  private state: SlotState = 'stopped';
  private loop: Promise<void> | undefined;
  private iterationAbort: { controller: AbortController; dispose: () => void };
  private readonly run: ScenarioRun;

  constructor(run: ScenarioRun) {
    this.run = run;
    this.iterationAbort = createLinkedAbort(run.hard);
  }

  start(): void {
    if (this.state === 'starting' || this.state === 'running') return;
    if (this.state === 'toGracefulStop') {
      this.state = 'running';
      return;
    }
    this.state = 'starting';
    this.loop ??= this.loopIterations();
  }

  gracefulStop(): void {
    if (this.state === 'running') this.state = 'toGracefulStop';
    else if (this.state === 'starting') this.state = 'stopped';
  }

  hardStop(): void {
    if (this.state === 'stopped' || this.state === 'toHardStop') return;
    this.iterationAbort.controller.abort();
    this.iterationAbort.dispose();
    this.iterationAbort = createLinkedAbort(this.run.hard);
    this.state = this.state === 'starting' ? 'stopped' : 'toHardStop';
  }

  /** Resolves once the slot holds no VU. */
  done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  dispose(): void {
    this.iterationAbort.dispose();
  }

  private async loopIterations(): Promise<void> {
    let vu;
    try {
      vu = await this.run.acquireVu();
    } catch (error) {
      this.failure ??= error;
      this.run.abortHard(error);
    }
    if (!vu) {
      this.state = 'stopped';
      this.loop = undefined;
      return;
    }
    try {
      while (!this.run.hard.aborted) {
        if (this.state === 'starting') this.state = 'running';
        if (this.state !== 'running') break;
        await this.run.runIteration(vu, this.iterationAbort.controller.signal);
      }
    } catch (error) {
      this.failure ??= error; // an observer threw: stop the scenario, the executor rethrows it
      this.run.abortHard(error);
    } finally {
      // synchronous from here on, so a start() can never slip in between stopping and releasing
      this.state = 'stopped';
      this.loop = undefined;
      this.run.releaseVu(vu);
    }
  }
}

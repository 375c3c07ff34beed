// Run-wide VU counts behind the `vus` / `vus_max` gauges, reported to the observer on every change.
import type { ExecutionObserver, VuPool } from './runtime-types.ts';

/** Counts VUs held by executors (`active`) and VUs inside an iteration (`busy`) across all scenarios. */
export class VuActivity {
  private activeCount = 0;
  private busyCount = 0;
  private readonly pool: VuPool;
  private readonly observer: ExecutionObserver;

  constructor(pool: VuPool, observer: ExecutionObserver) {
    this.pool = pool;
    this.observer = observer;
  }

  get active(): number {
    return this.activeCount;
  }

  get busy(): number {
    return this.busyCount;
  }

  changeActive(delta: number): void {
    this.activeCount += delta;
    this.report();
  }

  changeBusy(delta: number): void {
    this.busyCount += delta;
    this.report();
  }

  report(): void {
    this.observer.vusChanged(this.activeCount, this.pool.initialized(), this.busyCount);
  }
}

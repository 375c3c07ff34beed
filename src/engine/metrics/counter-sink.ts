/** Sums values (k6 CounterSink); `rate` divides by the test-run duration. */
export class CounterSink {
  readonly type = 'counter';
  count = 0;
  samples = 0;

  add(value: number): void {
    this.count += value;
    this.samples++;
  }

  isEmpty(): boolean {
    return this.samples === 0;
  }

  /** Count per second over `durationMs`; 0 when the duration is 0 (as the summary does). */
  rate(durationMs: number): number {
    return durationMs > 0 ? this.count / (durationMs / 1000) : 0;
  }
}

/** Counts non-zero samples out of all samples (k6 RateSink). */
export class RateSink {
  readonly type = 'rate';
  passes = 0;
  total = 0;

  add(value: number): void {
    this.total++;
    if (value !== 0) this.passes++;
  }

  isEmpty(): boolean {
    return this.total === 0;
  }

  get fails(): number {
    return this.total - this.passes;
  }

  /** Share of passes; 0 for an empty sink (thresholds treat empty as "no value" instead). */
  get rate(): number {
    return this.total > 0 ? this.passes / this.total : 0;
  }
}

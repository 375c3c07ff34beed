/** Keeps the last value plus min and max (k6 GaugeSink). */
export class GaugeSink {
  readonly type = 'gauge';
  value = 0;
  min = 0;
  max = 0;
  private set = false;

  // k6 v1.3 kept max=0 when every sample was negative; we use the fixed behaviour (max seeded by the first sample).
  add(value: number): void {
    this.value = value;
    if (!this.set || value > this.max) this.max = value;
    if (!this.set || value < this.min) this.min = value;
    this.set = true;
  }

  isEmpty(): boolean {
    return !this.set;
  }
}

// A capacity rate as every capacity line and page writes it: two decimals, since rates move in steps of one
// request a minute (1/60 req/s).

/** 9.7 -> "9.70 req/s". */
export function formatRate(rate: number): string {
  return `${rate.toFixed(2)} req/s`;
}

/** A step's load: "9.70 req/s" (open loop) or "16 users" (closed loop). */
export function describeLoad(load: { rate?: number | undefined; concurrency?: number | undefined }): string {
  return load.rate === undefined ? `${load.concurrency ?? 0} users` : formatRate(load.rate);
}

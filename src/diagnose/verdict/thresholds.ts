// The numbers behind each verdict rule, in one place; docs/diagnose.md explains each.

export const RULES = {
  /** Client-bound: the load generator's CPU (p90 over the loaded part) at or above this % of one core. */
  clientCpuP90: 85,
  /** ...or its event loop late by this many ms (p90 of each interval's p99): starved of CPU, or blocked. */
  clientLagP90Ms: 25,
  /** Memory pressure: MemAvailable below this share of MemTotal at any point... */
  memAvailableShare: 0.1,
  /** ...or swap-out seen in at least this many samples. */
  swapOutSamples: 3,
  /** Thermal: GPU thermal slowdown active in at least this share of GPU samples... */
  gpuThermalShare: 0.2,
  /** ...or CPU throttle events seen in at least this many samples. */
  cpuThrottleSamples: 2,
  /** GPU-bound: mean utilisation at or above this %... */
  gpuUtil: 90,
  /** ...and throughput rising by less than this share between the two highest concurrency levels. */
  flatThroughputGain: 0.1,
  /** CPU-bound: mean busy % of the server's cores at or above this. */
  cpuBusy: 90,
  /** Slot-bound / queueing: every slot busy in at least this share of loaded samples... */
  slotsFullShare: 0.8,
  /** ...with at least this many requests deferred on average. */
  meanDeferred: 0.5,
  /** Few cores hot: the hottest core's mean busy at or above this %... */
  hotCore: 25,
  /** ...while the median of the other cores stays at or below this %. */
  coldCores: 5,
} as const;

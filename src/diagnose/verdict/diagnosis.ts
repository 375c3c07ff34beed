// What `diagnose` concludes about a run: the verdict, every rule that fired with its numbers, the key
// figures, and one recommendation in the preset's terms. Written to benchmarks/<run-id>/diagnosis.json.

export type VerdictKind =
  | 'client-bound'
  | 'memory-pressure'
  | 'thermal-throttling'
  | 'gpu-bound'
  | 'cpu-bound'
  | 'queueing'
  | 'slot-bound'
  | 'few-cores-hot'
  | 'not-saturated'
  | 'insufficient-data';

/** One rule that fired (or the fallback), with the numbers that made it fire. */
export interface Finding {
  kind: VerdictKind;
  /** A plain sentence: "GPU-bound: utilisation averaged 97% and throughput rose 3% from 16 to 32 VUs". */
  summary: string;
  /** The figures behind it, by name, for the report to show. */
  evidence: Record<string, number | string>;
}

/** The figures every diagnosis prints, whether or not a rule fired. */
export interface DiagnosisStats {
  samples: number;
  /** Over the loaded part of the run (the server had work, or VUs were active). */
  loadedSeconds: number;
  cpus: number[];
  /** Highest busy % any sampled core reached in one interval, and which core. */
  peakCoreBusy?: number;
  peakCore?: number;
  /** Mean busy % of the sampled cores over the loaded part. */
  meanCpuBusy?: number;
  /** Mean busy % per sampled core, same order as `cpus`. */
  meanBusyPerCore: number[];
  processCpuPercent?: number;
  meanGpuUtil?: number;
  memoryHighWaterBytes?: number;
  memoryTotalBytes?: number;
  swapUsedMaxBytes?: number;
  /** Share of the loaded samples with every slot busy (0-1), mean busy slots and total slots. */
  slotsFullShare?: number;
  meanBusySlots?: number;
  totalSlots?: number;
  meanDeferred?: number;
  maxDeferred?: number;
  clientCpuP90?: number;
  /** p90 over the samples of the event loop's p99 delay (embedded engine), ms. */
  clientLagP90Ms?: number;
}

export interface Diagnosis {
  verdict: Finding;
  /** Every rule that fired, the verdict first. */
  findings: Finding[];
  stats: DiagnosisStats;
  /** One recommendation, in config/llama.yaml's terms where it can be. */
  recommendation: string;
  /** What could not be judged, and why (no GPU telemetry, no /slots, a sampler that failed). */
  gaps: string[];
}

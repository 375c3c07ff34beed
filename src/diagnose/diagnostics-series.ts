// diagnostics.jsonl as the report draws it: time series per source, on the clock of the load's series buckets.
import type { NoteRecord } from './diagnostics-record.ts';

/** A time in seconds since the run started, on the same clock as the series buckets. */
interface At {
  t: number;
}

/** CPUs (rows) by time buckets (columns) of busy %; null where a CPU had no sample in a bucket. */
export interface CpuHeatmap {
  cpus: number[];
  /** Column start times, seconds since the run started. */
  t: number[];
  busy: (number | null)[][];
}

export interface MemoryPoint extends At {
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  swapUsedBytes: number;
}

export interface ProcessPoint extends At {
  cpuPercent: number;
  rssBytes: number;
  threads?: number;
}

export interface HostPressurePoint extends At {
  load1?: number;
  runQueue?: number;
  throttledMsPerSec?: number;
  maxTempC?: number;
  cpuMHz?: number;
}

export interface GpuPoint extends At {
  utilPercent?: number;
  memBusyPercent?: number;
  vramUsedBytes?: number;
  vramTotalBytes?: number;
  powerWatts?: number;
  temperatureC?: number;
}

export interface GpuSeries {
  index: number;
  name?: string;
  points: GpuPoint[];
}

export interface SlotPoint extends At {
  busySlots?: number;
  totalSlots?: number;
  processing?: number;
  deferred?: number;
  kvCacheUsage?: number;
}

export interface ServerTokenPoint extends At {
  promptTokensPerSec?: number;
  outputTokensPerSec?: number;
}

export interface ClientPoint extends At {
  cpuPercent: number;
  eventLoopLagMs?: number;
  rssBytes?: number;
}

export interface NotePoint extends At {
  sampler: string;
  level: NoteRecord['level'];
  message: string;
}

/** diagnostics.jsonl as time series, each in file order. */
export interface DiagnosticsSeries {
  cpuHeatmap: CpuHeatmap;
  memory: MemoryPoint[];
  process: ProcessPoint[];
  hostPressure: HostPressurePoint[];
  gpus: GpuSeries[];
  slots: SlotPoint[];
  serverTokens: ServerTokenPoint[];
  client: ClientPoint[];
  notes: NotePoint[];
  /** Lines skipped: unknown sources, not JSON (a cut last line is not counted), or without a time. */
  ignoredLines: number;
}

// The lines of benchmarks/<run-id>/diagnostics.jsonl: one JSON object per sample, on the run's clock.
import type { GpuSample } from './gpu/gpu-sample.ts';

/** Fields every line carries: `t` is milliseconds since the run started, `ts` the wall clock (epoch ms). */
interface Stamp {
  t: number;
  ts: number;
}

/** The server's host: CPU per core, memory, the server process, CFS throttling, thermal state. */
export interface HostRecord extends Stamp {
  source: 'host';
  /** CPUs sampled (the server's cpuset when known, else all online CPUs), parallel to `busy`. */
  cpus: number[];
  /** Busy % per CPU over the last interval (0-100). */
  busy: number[];
  /** All online CPUs, for context when `cpus` is a cpuset. */
  onlineCpus: number;
  /** Physical cores among `cpus` (hyperthread siblings counted once). */
  physicalCores?: number;
  load1?: number;
  /** procs_running from /proc/stat: threads runnable now (the run queue). */
  runQueue?: number;
  memory?: {
    totalBytes: number;
    availableBytes: number;
    swapTotalBytes: number;
    swapUsedBytes: number;
    /** Pages swapped in and out per second (/proc/vmstat pswpin, pswpout). */
    swapInPerSec?: number;
    swapOutPerSec?: number;
  };
  /** The server process (or the container's main process). cpuPercent is of one core (200 = two cores). */
  process?: { pid: number; cpuPercent: number; rssBytes: number; threads?: number };
  /** CFS throttling of the server's cgroup over the interval (cpu.stat). */
  throttle?: { periods: number; throttledPeriods: number; throttledMsPerSec: number };
  thermal?: {
    /** Hottest sensor, °C, with its name. */
    maxTempC?: number;
    maxTempSensor?: string;
    /** Mean current frequency of the sampled CPUs, MHz (cpufreq). */
    cpuMHz?: number;
    /** Thermal-throttle events per second (Intel core/package throttle counts). */
    throttleEventsPerSec?: number;
  };
}

/** GPUs, from the best tool found on the host. */
export interface GpuRecord extends Stamp {
  source: 'gpu';
  tool: GpuSample['source'];
  gpus: GpuSample[];
}

/** The server's own view: /metrics (llama.cpp, vLLM), /slots, Ollama's /api/ps. */
export interface ServerRecord extends Stamp {
  source: 'server';
  busySlots?: number;
  totalSlots?: number;
  /** Requests processing and waiting (llama.cpp requests_processing/deferred, vLLM running/waiting). */
  processing?: number;
  deferred?: number;
  /** Token rates over the interval, from the server's counters. */
  promptTokensPerSec?: number;
  outputTokensPerSec?: number;
  /** KV cache use, 0-1, where the server reports it (vLLM). */
  kvCacheUsage?: number;
  /** p95 over the interval from the server's own histograms (vLLM): time to first token, time queued, end to end. */
  serverTtftP95Ms?: number;
  queueTimeP95Ms?: number;
  serverE2eP95Ms?: number;
  /** Ollama /api/ps: models loaded and their VRAM. */
  loadedModels?: { name: string; vramBytes: number; sizeBytes: number; expiresAt?: string }[];
}

/** The load generator itself. cpuPercent is of one core: the embedded engine runs on one thread. */
export interface ClientRecord extends Stamp {
  source: 'client';
  cpuPercent: number;
  /** Event-loop delay p99 over the interval, ms (embedded engine only). */
  eventLoopLagMs?: number;
  rssBytes?: number;
}

/** A sampler that started, stopped, failed or found nothing to sample: said once, the run goes on. */
export interface NoteRecord extends Stamp {
  source: 'note';
  sampler: string;
  level: 'info' | 'warn';
  message: string;
}

export type DiagnosticsRecord = HostRecord | GpuRecord | ServerRecord | ClientRecord | NoteRecord;

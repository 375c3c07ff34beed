// The load generator's own CPU: the embedded engine runs its VUs on one thread, so past ~85% of one core
// the client, not the server, sets the pace. For a real k6 child, its /proc/PID/stat is read instead.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DiagnosticsRecord } from '../diagnostics-record.ts';
import { parsePidStat, parseRssBytes } from '../host/process-stat.ts';
import type { RunClock } from '../run-clock.ts';

export interface ClientSamplerOptions {
  intervalMs: number;
  clock: RunClock;
  emit(record: DiagnosticsRecord): void;
  /** A child process that generates the load (k6); this process when absent. */
  pid?: () => number | undefined;
}

const TICKS_PER_SECOND = 100;

/** Starts sampling; stop() ends it. */
export function startClientSampler(options: ClientSamplerOptions): { stop(): void } {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let lastCpu = process.cpuUsage();
  let lastAt = performance.now();
  let lastTicks: number | undefined;
  const timer = setInterval(() => {
    const now = performance.now();
    const seconds = (now - lastAt) / 1000;
    lastAt = now;
    const childPid = options.pid?.();
    let cpuPercent: number;
    let rssBytes: number | undefined;
    if (childPid !== undefined) {
      const ticks = readTicks(childPid);
      cpuPercent =
        ticks !== undefined && lastTicks !== undefined
          ? (100 * (ticks - lastTicks)) / TICKS_PER_SECOND / seconds
          : 0;
      lastTicks = ticks;
      rssBytes = readRss(childPid);
    } else {
      const cpu = process.cpuUsage(lastCpu);
      lastCpu = process.cpuUsage();
      cpuPercent = (cpu.user + cpu.system) / 1e4 / seconds;
      rssBytes = process.memoryUsage.rss();
    }
    const p99 = lag.percentile(99) / 1e6;
    lag.reset();
    options.emit({
      source: 'client',
      ...options.clock.stamp(),
      cpuPercent: Math.round(cpuPercent * 10) / 10,
      ...(childPid === undefined && Number.isFinite(p99)
        ? { eventLoopLagMs: Math.round(p99 * 10) / 10 }
        : {}),
      ...(rssBytes === undefined ? {} : { rssBytes }),
    });
  }, options.intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      lag.disable();
    },
  };
}

function readTicks(pid: number): number | undefined {
  try {
    return parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.ticks;
  } catch {
    return undefined;
  }
}

function readRss(pid: number): number | undefined {
  try {
    return parseRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n'));
  } catch {
    return undefined;
  }
}

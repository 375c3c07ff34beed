// Two consecutive frames of the sampler -> one HostRecord: rates and busy shares over the interval.
import type { HostRecord } from '../diagnostics-record.ts';
import { parseCpuStat } from './cgroup-cpu.ts';
import type { HostDiscovery } from './discover-host.ts';
import type { HostFrame } from './host-frame.ts';
import { parseMeminfo, parseSwapCounters } from './meminfo.ts';
import { parsePidStat, parseRssBytes } from './process-stat.ts';
import { busyPercent, parseProcStat } from './proc-stat.ts';
import { readThermal } from './thermal.ts';

/** USER_HZ: the unit of /proc/stat and /proc/PID/stat, 100 on every Linux architecture in use. */
const CLOCK_TICKS_PER_SECOND = 100;

/** What the record is about: the CPUs to report (the server's cpuset, or all) and the server's pid. */
export interface HostSubject {
  cpus: number[];
  physicalCores?: number;
  pid?: number;
  cpuStatFile?: string;
}

/** The files a frame must read for this subject (the GPU's and thermal ones are added by the caller). */
export function hostFiles(subject: HostSubject, discovery: HostDiscovery): string[] {
  const files = ['/proc/uptime', '/proc/stat', '/proc/meminfo', '/proc/vmstat', '/proc/loadavg'];
  if (subject.pid !== undefined) files.push(`/proc/${subject.pid}/stat`, `/proc/${subject.pid}/status`);
  if (subject.cpuStatFile) files.push(subject.cpuStatFile);
  files.push(...discovery.temperatures.map((t) => t.path));
  for (const cpu of subject.cpus) {
    const freq = discovery.cpufreqFiles.get(cpu);
    if (freq) files.push(freq);
  }
  files.push(...discovery.throttleCountFiles);
  return files;
}

/** The record for the interval between two frames; undefined when the host clock did not move. */
export function computeHostRecord(
  before: HostFrame,
  after: HostFrame,
  subject: HostSubject,
  discovery: HostDiscovery,
): HostRecord | undefined {
  const uptime = (frame: HostFrame): number => Number(frame.files.get('/proc/uptime')?.[0]?.split(' ')[0]);
  const seconds = uptime(after) - uptime(before);
  if (!(seconds > 0)) return undefined;
  const statBefore = parseProcStat(before.files.get('/proc/stat') ?? []);
  const statAfter = parseProcStat(after.files.get('/proc/stat') ?? []);
  const cpus = subject.cpus.filter((cpu) => statAfter.cpus.has(cpu));
  const record: HostRecord = {
    source: 'host',
    t: after.t,
    ts: after.ts,
    cpus,
    busy: cpus.map((cpu) => round(busyPercent(statBefore.cpus.get(cpu), statAfter.cpus.get(cpu)) ?? 0)),
    onlineCpus: statAfter.cpus.size,
    ...(subject.physicalCores === undefined ? {} : { physicalCores: subject.physicalCores }),
  };
  const load1 = Number(after.files.get('/proc/loadavg')?.[0]?.split(' ')[0]);
  if (Number.isFinite(load1)) record.load1 = load1;
  if (statAfter.procsRunning !== undefined) record.runQueue = statAfter.procsRunning;

  const mem = parseMeminfo(after.files.get('/proc/meminfo') ?? []);
  const total = mem.get('MemTotal');
  const available = mem.get('MemAvailable');
  if (total !== undefined && available !== undefined) {
    const swapTotal = mem.get('SwapTotal') ?? 0;
    const swapBefore = parseSwapCounters(before.files.get('/proc/vmstat') ?? []);
    const swapAfter = parseSwapCounters(after.files.get('/proc/vmstat') ?? []);
    record.memory = {
      totalBytes: total,
      availableBytes: available,
      swapTotalBytes: swapTotal,
      swapUsedBytes: swapTotal - (mem.get('SwapFree') ?? swapTotal),
      ...rate('swapInPerSec', swapBefore.pswpin, swapAfter.pswpin, seconds),
      ...rate('swapOutPerSec', swapBefore.pswpout, swapAfter.pswpout, seconds),
    };
  }

  if (subject.pid !== undefined) {
    const stat = (frame: HostFrame) => {
      const line = frame.files.get(`/proc/${subject.pid}/stat`)?.[0];
      return line === undefined ? undefined : parsePidStat(line);
    };
    const p0 = stat(before);
    const p1 = stat(after);
    const rss = parseRssBytes(after.files.get(`/proc/${subject.pid}/status`) ?? []);
    if (p0 && p1) {
      record.process = {
        pid: subject.pid,
        cpuPercent: round((100 * (p1.ticks - p0.ticks)) / CLOCK_TICKS_PER_SECOND / seconds),
        rssBytes: rss ?? 0,
        ...(p1.threads === undefined ? {} : { threads: p1.threads }),
      };
    }
  }

  if (subject.cpuStatFile) {
    const t0 = parseCpuStat(before.files.get(subject.cpuStatFile) ?? []);
    const t1 = parseCpuStat(after.files.get(subject.cpuStatFile) ?? []);
    if (t0 && t1) {
      record.throttle = {
        periods: t1.periods - t0.periods,
        throttledPeriods: t1.throttledPeriods - t0.throttledPeriods,
        throttledMsPerSec: round((t1.throttledMs - t0.throttledMs) / seconds),
      };
    }
  }

  const th0 = readThermal(before.files, discovery, cpus);
  const th1 = readThermal(after.files, discovery, cpus);
  const thermal: NonNullable<HostRecord['thermal']> = {};
  if (th1.maxTempC !== undefined) thermal.maxTempC = th1.maxTempC;
  if (th1.maxTempSensor !== undefined) thermal.maxTempSensor = th1.maxTempSensor;
  if (th1.cpuMHz !== undefined) thermal.cpuMHz = round(th1.cpuMHz);
  if (th0.throttleCount !== undefined && th1.throttleCount !== undefined)
    thermal.throttleEventsPerSec = round((th1.throttleCount - th0.throttleCount) / seconds);
  if (Object.keys(thermal).length > 0) record.thermal = thermal;
  return record;
}

function rate<K extends string>(
  key: K,
  before: number | undefined,
  after: number | undefined,
  seconds: number,
): Partial<Record<K, number>> {
  if (before === undefined || after === undefined) return {};
  return { [key]: round((after - before) / seconds) } as Partial<Record<K, number>>;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

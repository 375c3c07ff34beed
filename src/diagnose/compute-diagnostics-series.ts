// The records of diagnostics.jsonl turned into the report's time series, each point on the run's clock.
import { definedFields as defined } from '../results/defined-fields.ts';
import { createCpuHeatmap, type CpuHeatmapAcc } from './cpu-heatmap.ts';
import type { DiagnosticsRecord, GpuRecord, HostRecord } from './diagnostics-record.ts';
import type { DiagnosticsSeries, GpuSeries } from './diagnostics-series.ts';
import type { DiagnosticsLines } from './read-diagnostics.ts';

/** The series of a run that started at `startMs` (epoch ms), the heatmap in columns of `bucketMs`. */
export function computeDiagnosticsSeries(
  lines: DiagnosticsLines,
  startMs: number,
  bucketMs: number,
): DiagnosticsSeries {
  const series: DiagnosticsSeries = {
    cpuHeatmap: { cpus: [], t: [], busy: [] },
    memory: [],
    process: [],
    hostPressure: [],
    gpus: [],
    slots: [],
    serverTokens: [],
    client: [],
    notes: [],
    ignoredLines: lines.ignoredLines,
  };
  const heat = createCpuHeatmap(bucketMs);
  const gpus = new Map<number, GpuSeries>();
  for (const record of lines.records) {
    // The wall clock when the line has it: the load's buckets are on it too.
    const ms = Number.isFinite(record.ts) ? record.ts - startMs : record.t;
    if (!Number.isFinite(ms)) {
      series.ignoredLines += 1;
      continue;
    }
    addRecord(series, record, ms / 1000, { heat, gpus, column: Math.max(0, Math.floor(ms / bucketMs)) });
  }
  series.cpuHeatmap = heat.finish();
  series.gpus = [...gpus.values()].sort((a, b) => a.index - b.index);
  return series;
}

interface Accumulators {
  heat: CpuHeatmapAcc;
  gpus: Map<number, GpuSeries>;
  /** The heatmap column of the record's time. */
  column: number;
}

function addRecord(series: DiagnosticsSeries, record: DiagnosticsRecord, t: number, acc: Accumulators): void {
  switch (record.source) {
    case 'host':
      addHost(series, record, t, acc);
      return;
    case 'gpu':
      addGpus(record, t, acc.gpus);
      return;
    case 'server': {
      const { busySlots, totalSlots, processing, deferred, kvCacheUsage } = record;
      series.slots.push({ t, ...defined({ busySlots, totalSlots, processing, deferred, kvCacheUsage }) });
      const { promptTokensPerSec, outputTokensPerSec } = record;
      series.serverTokens.push({ t, ...defined({ promptTokensPerSec, outputTokensPerSec }) });
      return;
    }
    case 'client':
      series.client.push({
        t,
        cpuPercent: record.cpuPercent,
        ...defined({ eventLoopLagMs: record.eventLoopLagMs, rssBytes: record.rssBytes }),
      });
      return;
    case 'note':
      series.notes.push({ t, sampler: record.sampler, level: record.level, message: record.message });
  }
}

function addHost(series: DiagnosticsSeries, record: HostRecord, t: number, acc: Accumulators): void {
  (Array.isArray(record.cpus) ? record.cpus : []).forEach((cpu, i) => {
    const busy = Array.isArray(record.busy) ? record.busy[i] : undefined;
    if (busy !== undefined) acc.heat.add(cpu, acc.column, busy);
  });
  const m = record.memory;
  if (m) {
    series.memory.push({
      t,
      totalBytes: m.totalBytes,
      usedBytes: m.totalBytes - m.availableBytes,
      availableBytes: m.availableBytes,
      swapUsedBytes: m.swapUsedBytes,
    });
  }
  const p = record.process;
  if (p)
    series.process.push({
      t,
      cpuPercent: p.cpuPercent,
      rssBytes: p.rssBytes,
      ...defined({ threads: p.threads }),
    });
  series.hostPressure.push({
    t,
    ...defined({
      load1: record.load1,
      runQueue: record.runQueue,
      throttledMsPerSec: record.throttle?.throttledMsPerSec,
      maxTempC: record.thermal?.maxTempC,
      cpuMHz: record.thermal?.cpuMHz,
    }),
  });
}

function addGpus(record: GpuRecord, t: number, gpus: Map<number, GpuSeries>): void {
  for (const g of Array.isArray(record.gpus) ? record.gpus : []) {
    const gpu = gpus.get(g.index) ?? { index: g.index, points: [] };
    if (g.name !== undefined) gpu.name = g.name;
    gpu.points.push({
      t,
      ...defined({
        utilPercent: g.utilPercent,
        memBusyPercent: g.memBusyPercent,
        vramUsedBytes: g.vramUsedBytes,
        vramTotalBytes: g.vramTotalBytes,
        powerWatts: g.powerWatts,
        temperatureC: g.temperatureC,
      }),
    });
    gpus.set(g.index, gpu);
  }
}

// The figures of a diagnosis, from the records of the loaded part of the run.
import { percentile } from '../../util/percentile.ts';
import type { DiagnosticsRecord, HostRecord, ServerRecord } from '../diagnostics-record.ts';
import type { DiagnosisStats } from './diagnosis.ts';

/** The records grouped by source, restricted to the loaded window. */
export interface LoadedRecords {
  host: HostRecord[];
  gpu: Extract<DiagnosticsRecord, { source: 'gpu' }>[];
  server: ServerRecord[];
  client: Extract<DiagnosticsRecord, { source: 'client' }>[];
  notes: Extract<DiagnosticsRecord, { source: 'note' }>[];
  window: { from: number; to: number };
}

/** The part of the run when the server had work (requests processing, slots busy); all of it when unknown. */
export function selectLoaded(records: readonly DiagnosticsRecord[]): LoadedRecords {
  const busy = records.filter(
    (r): r is ServerRecord => r.source === 'server' && ((r.processing ?? 0) > 0 || (r.busySlots ?? 0) > 0),
  );
  const from = busy.length > 0 ? Math.min(...busy.map((r) => r.t)) : -Infinity;
  const to = busy.length > 0 ? Math.max(...busy.map((r) => r.t)) : Infinity;
  const inside = records.filter((r) => r.source === 'note' || (r.t >= from && r.t <= to));
  return {
    host: inside.filter((r): r is HostRecord => r.source === 'host'),
    gpu: inside.filter((r): r is LoadedRecords['gpu'][number] => r.source === 'gpu'),
    server: inside.filter((r): r is ServerRecord => r.source === 'server'),
    client: inside.filter((r): r is LoadedRecords['client'][number] => r.source === 'client'),
    notes: inside.filter((r): r is LoadedRecords['notes'][number] => r.source === 'note'),
    window: { from: Number.isFinite(from) ? from : 0, to: Number.isFinite(to) ? to : 0 },
  };
}

export const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;

/** Computes the stats every diagnosis prints. */
export function computeStats(loaded: LoadedRecords): DiagnosisStats {
  const cpus = loaded.host.at(-1)?.cpus ?? [];
  const perCore = cpus.map((cpu) =>
    mean(
      loaded.host.flatMap((r) => (r.cpus.indexOf(cpu) >= 0 ? [r.busy[r.cpus.indexOf(cpu)] as number] : [])),
    ),
  );
  let peakCoreBusy: number | undefined;
  let peakCore: number | undefined;
  for (const r of loaded.host)
    r.busy.forEach((busy, i) => {
      if (peakCoreBusy === undefined || busy > peakCoreBusy) {
        peakCoreBusy = busy;
        peakCore = r.cpus[i];
      }
    });
  const meanBusyPerCore = perCore.map((v) => round(v ?? 0));
  const stats: DiagnosisStats = {
    samples: loaded.host.length + loaded.server.length,
    loadedSeconds: round((loaded.window.to - loaded.window.from) / 1000),
    cpus,
    meanBusyPerCore,
  };
  const assign = <K extends keyof DiagnosisStats>(key: K, value: DiagnosisStats[K] | undefined): void => {
    if (value !== undefined) stats[key] = value;
  };
  assign('peakCoreBusy', peakCoreBusy);
  assign('peakCore', peakCore);
  assign('meanCpuBusy', roundMaybe(mean(meanBusyPerCore)));
  assign(
    'processCpuPercent',
    roundMaybe(mean(loaded.host.flatMap((r) => (r.process ? [r.process.cpuPercent] : [])))),
  );
  assign(
    'meanGpuUtil',
    roundMaybe(
      mean(
        loaded.gpu.flatMap((r) =>
          r.gpus.flatMap((g) => (g.utilPercent === undefined ? [] : [g.utilPercent])),
        ),
      ),
    ),
  );
  const used = loaded.host.flatMap((r) => (r.memory ? [r.memory.totalBytes - r.memory.availableBytes] : []));
  if (used.length > 0) assign('memoryHighWaterBytes', Math.max(...used));
  assign('memoryTotalBytes', loaded.host.find((r) => r.memory)?.memory?.totalBytes);
  const swap = loaded.host.flatMap((r) => (r.memory ? [r.memory.swapUsedBytes] : []));
  if (swap.length > 0) assign('swapUsedMaxBytes', Math.max(...swap));
  const slotted = loaded.server.filter(
    (r) => r.busySlots !== undefined && r.totalSlots !== undefined && r.totalSlots > 0,
  );
  if (slotted.length > 0) {
    assign(
      'slotsFullShare',
      round(slotted.filter((r) => (r.busySlots ?? 0) >= (r.totalSlots ?? 0)).length / slotted.length),
    );
    assign('meanBusySlots', roundMaybe(mean(slotted.map((r) => r.busySlots ?? 0))));
    assign('totalSlots', slotted.at(-1)?.totalSlots);
  }
  const deferred = loaded.server.flatMap((r) => (r.deferred === undefined ? [] : [r.deferred]));
  if (deferred.length > 0) {
    assign('meanDeferred', roundMaybe(mean(deferred)));
    assign('maxDeferred', Math.max(...deferred));
  }
  const clientCpu = loaded.client.map((r) => r.cpuPercent);
  assign('clientCpuP90', roundMaybe(percentile(clientCpu, 90)));
  const clientLag = loaded.client.flatMap((r) => (r.eventLoopLagMs === undefined ? [] : [r.eventLoopLagMs]));
  assign('clientLagP90Ms', roundMaybe(percentile(clientLag, 90)));
  return stats;
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function roundMaybe(value: number | undefined): number | undefined {
  return value === undefined ? undefined : round(value);
}

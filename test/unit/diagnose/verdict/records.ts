// Builders of synthetic diagnostics records for the verdict tests: t in ms, ts = T0 + t.
import type {
  ClientRecord,
  GpuRecord,
  HostRecord,
  NoteRecord,
  ServerRecord,
} from '../../../../src/diagnose/diagnostics-record.ts';
import type { GpuSample } from '../../../../src/diagnose/gpu/gpu-sample.ts';

export const T0 = 1_800_000_000_000;

export function host(t: number, busy: number[], extra: Partial<HostRecord> = {}): HostRecord {
  return {
    source: 'host',
    t,
    ts: T0 + t,
    cpus: busy.map((_, i) => i),
    busy,
    onlineCpus: busy.length,
    ...extra,
  };
}

/** Host memory with `availableShare` of 64 GiB available. */
export function memory(availableShare: number, extra: Partial<NonNullable<HostRecord['memory']>> = {}) {
  const total = 64 * 1024 ** 3;
  return {
    totalBytes: total,
    availableBytes: Math.round(total * availableShare),
    swapTotalBytes: 0,
    swapUsedBytes: 0,
    ...extra,
  };
}

export function server(t: number, extra: Partial<ServerRecord> = {}): ServerRecord {
  return { source: 'server', t, ts: T0 + t, ...extra };
}

export function gpu(t: number, samples: Partial<GpuSample>[]): GpuRecord {
  return {
    source: 'gpu',
    t,
    ts: T0 + t,
    tool: 'nvidia-smi',
    gpus: samples.map((s, index) => ({ index, source: 'nvidia-smi', ...s })),
  };
}

export function client(t: number, cpuPercent: number): ClientRecord {
  return { source: 'client', t, ts: T0 + t, cpuPercent };
}

export function note(t: number, level: NoteRecord['level'], sampler: string, message: string): NoteRecord {
  return { source: 'note', t, ts: T0 + t, sampler, level, message };
}

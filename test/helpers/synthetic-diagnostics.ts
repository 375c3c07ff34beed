// A diagnostics.jsonl for a run that was not sampled: four CPUs, memory, the server process, two GPUs, slots
// and the client, every interval over the run, so that every host chart of a report has something to draw.
import type { DiagnosticsRecord } from '../../src/diagnose/diagnostics-record.ts';

/** The lines of a synthetic diagnostics.jsonl covering `seconds` from `startMs`, one sample per `intervalMs`. */
export function syntheticDiagnostics(startMs: number, seconds: number, intervalMs = 500): string {
  const records: DiagnosticsRecord[] = [
    {
      source: 'note',
      t: 0,
      ts: startMs,
      sampler: 'gpu',
      level: 'info',
      message: 'nvidia-smi: 2 GPUs (synthetic)',
    },
  ];
  for (let t = intervalMs, i = 0; t <= seconds * 1000; t += intervalMs, i++) {
    const ts = startMs + t;
    const wave = (phase: number) => 50 + 40 * Math.sin(i / 3 + phase);
    records.push(
      {
        source: 'host',
        t,
        ts,
        cpus: [0, 1, 2, 3],
        busy: [wave(0), wave(1), wave(2), 5 + (i % 3)],
        onlineCpus: 4,
        load1: 2.5,
        runQueue: 3,
        memory: {
          totalBytes: 16 * 2 ** 30,
          availableBytes: (10 - (i % 4) * 0.25) * 2 ** 30,
          swapTotalBytes: 0,
          swapUsedBytes: 0,
        },
        process: { pid: 4242, cpuPercent: 180 + (i % 5) * 10, rssBytes: (2 + i * 0.01) * 2 ** 30 },
      },
      {
        source: 'gpu',
        t,
        ts,
        tool: 'nvidia-smi',
        gpus: [0, 1].map((index) => ({
          index,
          source: 'nvidia-smi' as const,
          name: 'H200',
          utilPercent: Math.min(100, wave(index) + 10),
          vramUsedBytes: (40 + index * 5 + (i % 3)) * 2 ** 30,
          vramTotalBytes: 141 * 2 ** 30,
        })),
      },
      {
        source: 'server',
        t,
        ts,
        busySlots: Math.min(4, 1 + (i % 5)),
        totalSlots: 4,
        processing: Math.min(4, 1 + (i % 5)),
        deferred: Math.max(0, (i % 5) - 3),
        promptTokensPerSec: 400,
        outputTokensPerSec: 150 + (i % 4) * 20,
      },
      { source: 'client', t, ts, cpuPercent: 20 + (i % 4) * 5, eventLoopLagMs: 2 },
    );
  }
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

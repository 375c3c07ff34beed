// Busy % per CPU averaged over time buckets: the heatmap's cells, filled as host samples come.
import type { CpuHeatmap } from './diagnostics-series.ts';

/** Collects per-CPU busy samples into bucket columns. */
export interface CpuHeatmapAcc {
  add(cpu: number, column: number, busy: number): void;
  finish(): CpuHeatmap;
}

/** An empty heatmap with columns `bucketMs` wide. */
export function createCpuHeatmap(bucketMs: number): CpuHeatmapAcc {
  const heat = new Map<number, { sum: number; n: number }[]>();
  return {
    add(cpu, column, busy) {
      const row = heat.get(cpu) ?? [];
      const cell = row[column] ?? { sum: 0, n: 0 };
      cell.sum += busy;
      cell.n += 1;
      row[column] = cell;
      heat.set(cpu, row);
    },
    finish() {
      const cpus = [...heat.keys()].sort((a, b) => a - b);
      const columns = Math.max(0, ...[...heat.values()].map((row) => row.length));
      return {
        cpus,
        t: Array.from({ length: columns }, (_, i) => (i * bucketMs) / 1000),
        busy: cpus.map((cpu) =>
          Array.from({ length: columns }, (_, i) => {
            const cell = heat.get(cpu)?.[i];
            return cell ? cell.sum / cell.n : null;
          }),
        ),
      };
    },
  };
}

// The charts drawn from diagnostics.jsonl: CPU per core, memory, GPUs, the server's slots and the load
// generator's CPU, each with a sentence saying why it is empty when it is.
import type { DiagnosticsSeries, GpuSeries } from '../diagnose/diagnostics-series.ts';
import { RUN_FILES } from '../results/run-files.ts';
import { formatNumber, formatPercent, formatSeconds } from './charts/format.ts';
import { renderHeatmap } from './charts/heatmap.ts';
import type { LineSeries } from './charts/line-chart.ts';
import { toChartView, type ChartGroup, type ChartView } from './chart-view.ts';
import { buildTimeChart, CHART_SIZE, scaleBytes } from './time-chart.ts';

const NO_DIAGNOSTICS = `no ${RUN_FILES.diagnostics}: the server's host was not sampled during this run (make diagnose samples it)`;

// The sampler's own word on why it found nothing, when it left one (a warning first); a lead-in the reason
// already says ("no GPU telemetry: ...") is not repeated.
function withNote(reason: string, d: DiagnosticsSeries | undefined, sampler: string): string {
  const notes = (d?.notes ?? []).filter((n) => n.sampler.toLowerCase().includes(sampler));
  const note = notes.find((n) => n.level === 'warn') ?? notes[0];
  if (!note) return reason;
  const colon = note.message.indexOf(': ');
  const lead = colon > 0 ? note.message.slice(0, colon).toLowerCase() : undefined;
  const message = lead && reason.toLowerCase().includes(lead) ? note.message.slice(colon + 2) : note.message;
  return `${reason} (${note.sampler}: ${message})`;
}

function byteChart(
  xDomain: readonly [number, number],
  id: string,
  title: string,
  yLabel: string,
  series: LineSeries[],
  emptyReason: string,
): ChartView {
  const scaled = scaleBytes(series);
  return buildTimeChart({
    id,
    title,
    yLabel: `${yLabel} (${scaled.unit})`,
    series: scaled.series,
    yFormat: scaled.format,
    emptyReason,
    xDomain,
  });
}

function timeChart(
  xDomain: readonly [number, number],
  id: string,
  title: string,
  yLabel: string,
  series: LineSeries[],
  yFormat: (v: number) => string,
  emptyReason: string,
): ChartView {
  return buildTimeChart({ id, title, yLabel, series, yFormat, emptyReason, xDomain });
}

function gpuName(gpu: GpuSeries): string {
  return gpu.name ? `GPU ${gpu.index} (${gpu.name})` : `GPU ${gpu.index}`;
}

function cpuHeatmap(d: DiagnosticsSeries | undefined, bucketSeconds: number): ChartView {
  const id = 'cpu-per-core';
  const title = 'CPU busy per core';
  const heat = d?.cpuHeatmap ?? { cpus: [], t: [], busy: [] };
  const rows = heat.cpus.map((cpu, i) => ({
    label: `cpu${cpu}`,
    values: (heat.busy[i] ?? []).map((v) => (v === null ? undefined : v)),
  }));
  const svg = renderHeatmap({
    id,
    title,
    xLabel: 'time since start',
    yLabel: 'core',
    rows,
    xValues: heat.t,
    min: 0,
    max: 100,
    valueFormat: formatPercent,
    xFormat: formatSeconds,
    width: 2 * CHART_SIZE.width,
  });
  const reason = d ? withNote(`no CPU samples in ${RUN_FILES.diagnostics}`, d, 'host') : NO_DIAGNOSTICS;
  return toChartView({ id, title, svg }, rows.length > 0 && heat.t.length > 0, reason, {
    caption: `busy % of each sampled core per ${formatSeconds(bucketSeconds)}; grey: no sample`,
    wide: true,
  });
}

/** The charts drawn from diagnostics.jsonl, in two groups: the server's host, and the server and client. */
export function buildHostCharts(
  d: DiagnosticsSeries | undefined,
  bucketSeconds: number,
  timeDomain: readonly [number, number],
): ChartGroup[] {
  const chart = timeChart.bind(undefined, timeDomain);
  const bytes = byteChart.bind(undefined, timeDomain);
  const gpus = d?.gpus ?? [];
  const gpuGap = d ? withNote('no GPU telemetry on this host', d, 'gpu') : NO_DIAGNOSTICS;
  const memory = d?.memory ?? [];
  const process = d?.process ?? [];
  const slots = d?.slots ?? [];
  const client = d?.client ?? [];
  const swapped = memory.some((m) => m.swapUsedBytes > 0);
  return [
    {
      id: 'host',
      title: "The server's host",
      charts: [
        cpuHeatmap(d, bucketSeconds),
        bytes(
          'memory-used',
          'Memory over time',
          'memory',
          [
            { name: 'used', points: memory.map((m) => ({ x: m.t, y: m.usedBytes })) },
            { name: 'total', points: memory.map((m) => ({ x: m.t, y: m.totalBytes })) },
            { name: 'server RSS', points: process.map((p) => ({ x: p.t, y: p.rssBytes })) },
            ...(swapped
              ? [{ name: 'swap used', points: memory.map((m) => ({ x: m.t, y: m.swapUsedBytes })) }]
              : []),
          ],
          d ? withNote(`no memory samples in ${RUN_FILES.diagnostics}`, d, 'host') : NO_DIAGNOSTICS,
        ),
        chart(
          'gpu-utilisation',
          'GPU utilisation over time',
          'utilisation',
          gpus.map((g) => ({
            name: gpuName(g),
            points: g.points.map((p) => ({ x: p.t, y: p.utilPercent })),
          })),
          formatPercent,
          gpuGap,
        ),
        bytes(
          'gpu-vram',
          'GPU memory (VRAM) used over time',
          'VRAM used',
          gpus.map((g) => ({
            name: gpuName(g),
            points: g.points.map((p) => ({ x: p.t, y: p.vramUsedBytes })),
          })),
          gpuGap,
        ),
      ],
    },
    {
      id: 'server',
      title: 'The server and the load generator',
      charts: [
        chart(
          'slots',
          'Slots and queue',
          'requests',
          [
            { name: 'busy slots', points: slots.map((s) => ({ x: s.t, y: s.busySlots })) },
            { name: 'total slots', points: slots.map((s) => ({ x: s.t, y: s.totalSlots })) },
            { name: 'deferred', points: slots.map((s) => ({ x: s.t, y: s.deferred })) },
          ],
          formatNumber,
          d
            ? withNote('the server reported no slots or queue (/slots, /metrics)', d, 'server')
            : NO_DIAGNOSTICS,
        ),
        chart(
          'client-cpu',
          'CPU of the load generator and the server process',
          '% of one core',
          [
            { name: 'load generator', points: client.map((c) => ({ x: c.t, y: c.cpuPercent })) },
            { name: 'server process', points: process.map((p) => ({ x: p.t, y: p.cpuPercent })) },
          ],
          formatPercent,
          d
            ? withNote('neither the load generator nor the server process was sampled', d, 'client')
            : NO_DIAGNOSTICS,
        ),
      ],
    },
  ];
}

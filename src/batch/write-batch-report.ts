// batch-report.html: one self-contained page with memory over time across batches and per-batch throughput.
import { join } from 'node:path';
import type { BatchStats } from './batch-stats.ts';
import type { BatchSummary } from './batch-summary.ts';
import { renderBarChart } from '../report/charts/bar-chart.ts';
import { renderLineChart, type LineSeries } from '../report/charts/line-chart.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Memory series over seconds since the first sample, one line per batch so the gaps between them show. */
function memorySeries(batches: readonly BatchStats[], pick: 'rss' | 'gpu'): LineSeries[] {
  const t0 = batches.flatMap((b) => b.samples.map((s) => s.t))[0] ?? 0;
  return batches.map((b) => ({
    name: `batch ${b.batch}`,
    points: b.samples.map((s) => ({
      x: (s.t - t0) / 1000,
      y: pick === 'rss' ? (s.rssBytes === undefined ? undefined : s.rssBytes / 1024 ** 2) : s.gpuMiB,
    })),
  }));
}

export function renderBatchReport(summary: BatchSummary, batches: readonly BatchStats[]): string {
  const rss = renderLineChart({
    id: 'rss',
    title: 'Server RSS over time',
    xLabel: 's',
    yLabel: 'MiB',
    series: memorySeries(batches, 'rss'),
    markers: true,
  });
  const hasGpu = batches.some((b) => b.samples.some((s) => s.gpuMiB !== undefined));
  const gpu = hasGpu
    ? renderLineChart({
        id: 'gpu',
        title: 'GPU memory used',
        xLabel: 's',
        yLabel: 'MiB',
        series: memorySeries(batches, 'gpu'),
      })
    : '<p>GPU memory: not sampled (no nvidia-smi).</p>';
  const rate = renderBarChart({
    id: 'rate',
    title: 'Throughput per batch',
    yLabel: 'req/s',
    categories: batches.map((b) => `batch ${b.batch}`),
    series: [{ name: 'req/s', values: batches.map((b) => b.reqPerSec) }],
  });
  const v = summary.verdicts;
  const rows = [
    ['memory', v.memory.verdict, v.memory.reason],
    ['throughput', v.throughput.verdict, v.throughput.reason],
    ['model', v.reload.verdict, v.reload.reason],
    ['requests', v.success.verdict, v.success.reason],
  ]
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const status = summary.failures.length === 0 ? 'PASSED' : `FAILED: ${summary.failures.join('; ')}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Batch test: ${escapeHtml(status)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}
td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}svg{max-width:100%;height:auto}</style></head>
<body><h1>Batch test: ${escapeHtml(status)}</h1>
<p>${escapeHtml(summary.input)} against ${escapeHtml(summary.target)} (${summary.mode}), ${batches.length} batches</p>
<table><tr><th>check</th><th>verdict</th><th>why</th></tr>
${rows}</table>
<h2>Memory</h2>${rss}${gpu}<h2>Throughput</h2>${rate}</body></html>
`;
}

export function writeBatchReport(summary: BatchSummary, batches: readonly BatchStats[]): string {
  const path = join(summary.dir, 'batch-report.html');
  writeFileAtomic(path, renderBatchReport(summary, batches));
  return path;
}

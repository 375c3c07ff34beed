import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderBarChart } from '../../../src/report/charts/bar-chart.ts';
import {
  formatDurationMs,
  formatPercent,
  formatSeconds,
  formatTokensPerSecond,
} from '../../../src/report/charts/format.ts';
import { renderHeatmap } from '../../../src/report/charts/heatmap.ts';
import { renderHistogram } from '../../../src/report/charts/histogram.ts';
import { renderLineChart } from '../../../src/report/charts/line-chart.ts';
import { escapeXml } from '../../../src/report/charts/svg.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { createRandom } from '../../../src/sim/prng.ts';
import { readCharts } from '../../helpers/report-page.ts';

const HOSTILE = '<script>window.__xss=1</script>';
const HOSTILE_IMG = '"><img src=x onerror="window.__xss=2">';

function logNormal(next: () => number, median: number, sigma: number): number {
  const u = Math.max(1e-9, next());
  const v = next();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/** The charts on the page, with each one's series and how many points each should have drawn. */
function buildCharts(): { svg: string; expected: Record<string, number> }[] {
  const next = createRandom(7);
  const seconds = Array.from({ length: 121 }, (_, i) => i);
  const rateA = seconds.map((x) => ({ x, y: 420 + 60 * Math.sin(x / 9) + 30 * next() }));
  const rateB = seconds.map((x) => ({ x, y: x >= 40 && x < 50 ? undefined : 300 + x * 1.5 + 25 * next() }));
  const concurrency = [1, 2, 4, 8, 16, 32];
  const active = seconds.filter((x) => x % 5 === 0).map((x) => ({ x, y: Math.min(32, Math.floor(x / 8)) }));
  const cores = Array.from({ length: 16 }, (_, core) => ({
    label: `cpu${core}`,
    values: Array.from({ length: 60 }, (_, t) =>
      core === 5 && t > 30 && t < 36 ? undefined : Math.min(100, (core < 8 ? 70 : 15) + 25 * next() + t / 3),
    ),
  }));
  const ttftA = Array.from({ length: 800 }, () => logNormal(next, 180, 0.35));
  const ttftB = Array.from({ length: 600 }, () => logNormal(next, 260, 0.3));
  const e2e = Array.from({ length: 1000 }, () => logNormal(next, 900, 1.1));

  return [
    {
      svg: renderLineChart({
        id: 'throughput-over-time',
        title: 'Output throughput over time',
        xLabel: 'time since start',
        yLabel: 'output tokens/s',
        series: [
          { name: 'llama.cpp balanced', points: rateA },
          { name: 'llama.cpp <b>fast</b> & "greedy"', points: rateB },
        ],
        xFormat: formatSeconds,
        yFormat: formatTokensPerSecond,
        yMin: 0,
      }),
      expected: { 'llama.cpp balanced': 121, 'llama.cpp <b>fast</b> & "greedy"': 111 },
    },
    {
      svg: renderLineChart({
        id: 'throughput-vs-concurrency',
        title: 'Throughput against concurrency',
        xLabel: 'concurrent requests',
        yLabel: 'output tokens/s',
        series: [
          { name: 'llama.cpp', points: concurrency.map((x) => ({ x, y: 60 * Math.min(x, 12) ** 0.8 })) },
          { name: 'vLLM', points: concurrency.map((x) => ({ x, y: 90 * Math.min(x, 24) ** 0.85 })) },
        ],
        yFormat: formatTokensPerSecond,
        yMin: 0,
        markers: true,
      }),
      expected: { 'llama.cpp': 6, vLLM: 6 },
    },
    {
      svg: renderLineChart({
        id: 'active-requests',
        title: 'Requests in flight',
        xLabel: 'time since start',
        yLabel: 'requests',
        series: [{ name: 'in flight', points: active }],
        xFormat: formatSeconds,
        yMin: 0,
        step: true,
      }),
      expected: { 'in flight': 25 },
    },
    {
      svg: renderHeatmap({
        id: 'cpu-per-core',
        title: 'CPU use per core',
        xLabel: 'time since start',
        yLabel: 'core',
        rows: cores,
        xValues: Array.from({ length: 60 }, (_, t) => t * 2),
        min: 0,
        max: 100,
        valueFormat: formatPercent,
        xFormat: formatSeconds,
      }),
      expected: Object.fromEntries(cores.map((row) => [row.label, row.label === 'cpu5' ? 55 : 60])),
    },
    {
      svg: renderHistogram({
        id: 'ttft-histogram',
        title: 'Time to first token',
        xLabel: 'time to first token',
        series: [
          { name: 'run A', values: ttftA },
          { name: 'run B', values: ttftB },
        ],
        xFormat: formatDurationMs,
        scale: 'linear',
      }),
      expected: { 'run A': 800, 'run B': 600 },
    },
    {
      svg: renderHistogram({
        id: 'e2e-histogram',
        title: 'Request latency (heavy tail)',
        xLabel: 'end-to-end latency',
        series: [{ name: 'e2e', values: e2e }],
        xFormat: formatDurationMs,
      }),
      expected: { e2e: 1000 },
    },
    {
      svg: renderBarChart({
        id: 'latency-percentiles',
        title: 'Latency percentiles',
        yLabel: 'latency',
        categories: ['time to first token', 'inter-token latency', 'end-to-end'],
        series: [
          { name: 'p50', values: [180, 22, 950] },
          { name: 'p90', values: [260, 31, 1900] },
          { name: 'p95', values: [300, 35, 2600] },
          { name: 'p99', values: [410, undefined, 4100] },
        ],
        yFormat: formatDurationMs,
      }),
      expected: { p50: 3, p90: 3, p95: 3, p99: 2 },
    },
    {
      svg: renderLineChart({
        id: 'empty',
        title: 'GPU memory (not measured)',
        xLabel: 'time since start',
        yLabel: 'bytes',
        series: [{ name: 'gpu0', points: [] }],
      }),
      expected: { gpu0: 0 },
    },
    {
      svg: renderLineChart({
        id: 'hostile',
        title: `Hostile ${HOSTILE_IMG}`,
        xLabel: HOSTILE,
        yLabel: HOSTILE_IMG,
        series: [
          { name: HOSTILE, points: [1, 2, 3].map((x) => ({ x, y: x * 2 })) },
          { name: HOSTILE_IMG, points: [1, 2, 3].map((x) => ({ x, y: x })) },
        ],
        markers: true,
      }),
      expected: { [HOSTILE]: 3, [HOSTILE_IMG]: 3 },
    },
  ];
}

function pageFor(charts: { svg: string }[]): string {
  const figures = charts.map((chart) => `<figure>${chart.svg}</figure>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml('charts')}</title>
<style>body{margin:24px;background:#f9fafb;font-family:system-ui,sans-serif}
figure{display:inline-block;margin:0 16px 16px 0;padding:8px;background:#fff;border:1px solid #e5e7eb;border-radius:6px;vertical-align:top}</style>
</head><body>
${figures}
</body></html>`;
}

/** What the page script needs of an SVG element (the tests compile without the DOM's types). */
interface Graphic {
  getBBox(): { width: number; height: number };
}

interface DrawnSeries {
  chart: string;
  name: string;
  tag: string;
  points: number;
  commands: number;
  moves: number;
  marks: number;
  bins: number;
  box: number;
}

describe(
  'charts in headless Chromium',
  { skip: !hasChromium() && !process.env['CI'] && 'no /usr/bin/chromium' },
  () => {
    it('draws every chart and series, offline, without errors', async () => {
      const charts = buildCharts();
      const dir = mkdtempSync(join(tmpdir(), 'inferload-charts-'));
      const file = join(dir, 'charts.html');
      const screenshot = join(dir, 'charts.png');
      writeFileSync(file, pageFor(charts));
      const opened = await openInChromium(file, { screenshot, viewport: { width: 1600, height: 900 } });
      try {
        console.log(`screenshot: ${screenshot}`);
        assert.deepEqual(opened.consoleErrors, []);
        assert.deepEqual(opened.requests, []);
        assert.deepEqual(opened.failedRequests, []);
        assert.equal(await opened.page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);
        assert.equal(await opened.page.locator('script, img').count(), 0, 'hostile names stayed text');

        const boxes = await readCharts(opened.page);
        assert.deepEqual(
          boxes.map((box) => box.id),
          charts.map((chart) => /data-chart="([^"]*)"/.exec(chart.svg)?.[1]),
          'every chart is on the page, in order',
        );
        for (const box of boxes) {
          assert.ok(box.width > 0 && box.height > 0, `${box.id} has a size`);
          assert.deepEqual(box.overflowing, [], `${box.id}: text inside the chart`);
        }

        const drawn: DrawnSeries[] = await opened.page.$$eval('[data-chart] [data-series]', (nodes) =>
          nodes.map((node) => {
            const d = node.getAttribute('d') ?? '';
            const box = (node as unknown as Graphic).getBBox();
            return {
              chart: node.closest('[data-chart]')?.getAttribute('data-chart') ?? '',
              name: node.getAttribute('data-series') ?? '',
              tag: node.tagName,
              points: Number(node.getAttribute('data-points')),
              commands: (d.match(/[ML]/g) ?? []).length,
              moves: (d.match(/M/g) ?? []).length,
              marks: node.querySelectorAll('rect').length,
              bins: Number(node.getAttribute('data-bins') ?? 0),
              box: box.width + box.height,
            };
          }),
        );
        const ids = boxes.map((box) => box.id);
        charts.forEach((chart, i) => {
          const id = ids[i] ?? '';
          const series = drawn.filter((s) => s.chart === id);
          assert.deepEqual(
            Object.fromEntries(series.map((s) => [s.name, s.points])),
            chart.expected,
            `${id}: series and their points`,
          );
          for (const s of series) {
            if (s.points === 0) continue;
            assert.ok(s.box > 0, `${id}/${s.name} is visible`);
            if (s.tag === 'path') {
              const step = id === 'active-requests';
              assert.equal(
                s.commands,
                step ? 2 * s.points - s.moves : s.points,
                `${id}/${s.name} path points`,
              );
            } else if (id.endsWith('histogram')) {
              assert.ok(s.bins > 0 && s.marks === s.bins, `${id}/${s.name} bars`);
            } else {
              assert.equal(s.marks, id === 'cpu-per-core' ? 60 : s.points, `${id}/${s.name} marks`);
            }
          }
        });
        const gap = drawn.find((s) => s.name.includes('fast'));
        assert.equal(gap?.moves, 2, 'the missing values break the line in two');
        assert.equal(
          await opened.page.locator('[data-chart="empty"] [data-placeholder="no-data"]').count(),
          1,
        );
      } finally {
        await opened.close();
      }
    });
  },
);

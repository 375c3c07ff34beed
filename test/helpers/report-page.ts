// What a report page shows in Chromium: each chart's box, series and points, and the figures marked data-metric.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunHeadline } from '../../src/results/run-analysis.ts';
import { formatDurationMs, formatTokensPerSecond } from '../../src/report/charts/format.ts';
import { formatOptional, formatRequestsPerSecond } from '../../src/report/format-values.ts';

/** One [data-chart] as drawn: its box, its series (name -> data-points), and text drawn outside it. */
export interface DrawnChart {
  id: string;
  width: number;
  height: number;
  series: Record<string, number>;
  placeholder: boolean;
  /** The sentence under the chart saying why it has no data, or null. */
  emptyReason: string | null;
  overflowing: string[];
}

/** Every chart on the page, in page order. */
export async function readCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('[data-chart]', (nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect();
      const series: Record<string, number> = {};
      for (const s of node.querySelectorAll('[data-series]')) {
        series[s.getAttribute('data-series') ?? ''] = Number(s.getAttribute('data-points'));
      }
      const overflowing = [...node.querySelectorAll('text')].filter((text) => {
        const box = text.getBoundingClientRect();
        return (
          box.left < rect.left - 1 ||
          box.right > rect.right + 1 ||
          box.top < rect.top - 1 ||
          box.bottom > rect.bottom + 1
        );
      });
      return {
        id: node.getAttribute('data-chart') ?? '',
        width: rect.width,
        height: rect.height,
        series,
        placeholder: node.querySelector('[data-placeholder="no-data"]') !== null,
        emptyReason: node.closest('figure')?.querySelector('[data-empty-reason]')?.textContent ?? null,
        overflowing: overflowing.map((text) => text.textContent ?? ''),
      };
    }),
  );
}

/** The text of the element marked data-metric="key" (exactly one must exist). */
export async function readMetric(page: Page, key: string): Promise<string> {
  const cell = page.locator(`[data-metric="${key}"]`);
  const count = await cell.count();
  if (count !== 1) throw new Error(`expected one [data-metric="${key}"], found ${count}`);
  return (await cell.textContent())?.trim() ?? '';
}

/** Asserts that the page shows the headline numbers analyzeRun computed, formatted as the report formats them. */
export async function assertHeadlineShown(page: Page, h: RunHeadline): Promise<void> {
  assert.equal(await readMetric(page, 'requests-per-second'), formatRequestsPerSecond(h.requestsPerSecond));
  assert.equal(
    await readMetric(page, 'output-tokens-per-second'),
    formatOptional(h.outputTokensPerSecond, formatTokensPerSecond),
  );
  assert.equal(await readMetric(page, 'ttft-p95'), formatOptional(h.ttft?.p95, formatDurationMs));
  assert.equal(await readMetric(page, 'e2e-p95'), formatOptional(h.e2e?.p95, formatDurationMs));
}

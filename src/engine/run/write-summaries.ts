import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { GroupTree } from '../summary/group-tree.ts';
import type { ThresholdSet } from '../thresholds/threshold-set.ts';
import { buildSummaryData } from '../summary/build-summary.ts';
import type { SummaryData } from '../summary/summary-data.ts';
import { formatSummaryExport } from '../summary/summary-export.ts';
import { renderDefaultSummary } from '../summary/text-summary.ts';
import type { VirtualUser } from '../runtime/vu.ts';
import { callWithTimeout } from './call-with-timeout.ts';

const HANDLE_SUMMARY_TIMEOUT_MS = 120_000;

export interface WriteSummariesInput {
  main: VirtualUser;
  registry: MetricRegistry;
  groups: GroupTree;
  thresholds?: ThresholdSet;
  testRunDurationMs: number;
  summaryTrendStats?: string[];
  setupData: unknown;
  summaryExport?: string;
  quiet: boolean;
  noSummary: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

function writeTo(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** The end of a run: handleSummary's outputs (or k6's text summary) and the --summary-export file. */
export async function writeSummaries(input: WriteSummariesInput): Promise<SummaryData> {
  const data = buildSummaryData({
    registry: input.registry,
    groups: input.groups,
    ...(input.thresholds ? { thresholds: input.thresholds } : {}),
    testRunDurationMs: input.testRunDurationMs,
    ...(input.summaryTrendStats ? { summaryTrendStats: input.summaryTrendStats } : {}),
    isStdOutTTY: input.stdout.isTTY === true,
    isStdErrTTY: process.stderr.isTTY === true,
    setupData: input.setupData,
  });
  // k6 writes the export file even when handleSummary exists.
  if (input.summaryExport) writeTo(input.summaryExport, formatSummaryExport(data));
  let outputs: unknown;
  if (typeof input.main.exports.handleSummary === 'function') {
    try {
      outputs = await callWithTimeout(
        input.main,
        'handleSummary',
        [data],
        HANDLE_SUMMARY_TIMEOUT_MS,
        undefined,
      );
    } catch (error) {
      input.log('error', `handleSummary() failed: ${String(error)}; printing the default summary`);
    }
  }
  if (typeof outputs === 'object' && outputs !== null) {
    for (const [target, content] of Object.entries(outputs)) {
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      if (target === 'stdout') input.stdout.write(text);
      else if (target === 'stderr') process.stderr.write(text);
      else writeTo(target, text);
    }
  } else if (!input.quiet && !input.noSummary) {
    input.stdout.write(renderDefaultSummary(data, { enableColors: input.stdout.isTTY === true }));
  }
  return data;
}

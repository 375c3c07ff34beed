// summary.json, k6's --summary-export format (ours or a real k6's), read and checked once for every reader.
import { basename } from 'node:path';
import { DamagedRunFileError } from './damaged-run-file.ts';
import { describeJsonError } from './describe-json-error.ts';
import { isAbsent, readRunFileText, type RunFiles, type RunFileText } from './run-files.ts';

export type MetricValues = Record<string, number | undefined>;

/** The metrics of a summary export; a metric that is not an object is left out. */
export interface SummaryExport {
  metrics: Record<string, MetricValues & { thresholds?: Record<string, boolean> }>;
}

/** Reads summary.json at `path`: a missing file throws ENOENT, one that is there but unusable a DamagedRunFileError. */
export function readSummaryExport(path: string): SummaryExport {
  const read = readRunFileText(path);
  if ('error' in read && read.absent) throw read.error;
  return checkSummaryText(read, path);
}

/** The summary.json of an opened run folder; undefined when it has none, a DamagedRunFileError when damaged. */
export function loadSummaryExport(files: RunFiles): SummaryExport | undefined {
  const read = files.read('summary');
  return isAbsent(read) ? undefined : checkSummaryText(read, files.path('summary'));
}

/** k6's own test duration, a counter's count / rate, when the export has it. */
export function exportedDuration(exported: SummaryExport): number | undefined {
  const counter = exported.metrics['iterations'];
  return counter?.['count'] && counter['rate'] ? counter['count'] / counter['rate'] : undefined;
}

function checkSummaryText(read: RunFileText, path: string): SummaryExport {
  const damaged = (problem: string): DamagedRunFileError =>
    new DamagedRunFileError({
      path,
      file: basename(path),
      problem,
      recovered: "the run's summary cannot be used",
      unusable: true,
    });
  if ('error' in read) throw damaged(`unreadable (${read.error.message})`);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    throw damaged(`not valid JSON (${describeJsonError(read.text, error)})`);
  }
  const metrics = (value as { metrics?: unknown } | null)?.metrics;
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw damaged('not a k6 summary export (it has no "metrics" object)');
  }
  // A metric that is not an object holds no figure: drop it rather than fail on it.
  const usable = Object.entries(metrics).filter(
    ([, values]) => typeof values === 'object' && values !== null && !Array.isArray(values),
  );
  return { metrics: Object.fromEntries(usable) as SummaryExport['metrics'] };
}

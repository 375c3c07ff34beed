// Reading back a run split over parts (distributed load, k8s collect): the one run saved under a root, and the
// check that its merge is exact: every percentile of the merged summary is the one of the parts' raw samples put
// together, none averaged.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { percentileOfSorted } from '../../src/engine/metrics/percentile.ts';
import { readMetricPoints } from '../../src/results/read-metric-points.ts';
import type { RunMeta } from '../../src/results/run-store.ts';

export interface SavedRun {
  dir: string;
  meta: RunMeta;
  summary: { metrics: Record<string, Record<string, unknown>> };
}

/** A run folder's meta.json and summary.json. */
export function readSavedRun(dir: string): SavedRun {
  return {
    dir,
    meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as RunMeta,
    summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SavedRun['summary'],
  };
}

/** The only run saved under `root` (failing the test when there are none or several). */
export function onlyRun(root: string): SavedRun {
  const ids = readdirSync(root);
  assert.equal(ids.length, 1, `exactly one run saved in ${root}: ${ids.join(', ')}`);
  return readSavedRun(join(root, ids[0] ?? ''));
}

/**
 * Asserts the merged `metric`'s median, p(90), p(95) and max are those of the named parts' raw samples put
 * together; returns how many samples there were.
 */
export async function assertExactMerge(
  saved: SavedRun,
  parts: readonly string[],
  metric = 'http_req_duration',
): Promise<number> {
  const values: number[] = [];
  for (const part of parts)
    for await (const point of readMetricPoints(join(saved.dir, 'parts', part, 'metrics.json'), {
      metrics: [metric],
    }))
      values.push(point.value);
  values.sort((a, b) => a - b);
  const merged = saved.summary.metrics[metric] ?? {};
  for (const [stat, p] of [
    ['p(95)', 0.95],
    ['p(90)', 0.9],
    ['med', 0.5],
  ] as const)
    assert.equal(merged[stat], percentileOfSorted(values, values.length, p), `${metric} ${stat}`);
  assert.equal(merged['max'], values.at(-1), `${metric} max`);
  return values.length;
}

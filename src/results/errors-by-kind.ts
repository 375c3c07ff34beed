import { readMetricPoints } from './read-metric-points.ts';

/** Counts failed LLM requests by kind from a k6 JSON output file (plain or .gz): http_503, timeout, ... */
export async function countErrorsByKind(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const point of readMetricPoints(path, { metrics: ['llm_errors'] })) {
    if (!point.value) continue;
    const kind = point.tags['error_kind'] ?? 'unknown';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

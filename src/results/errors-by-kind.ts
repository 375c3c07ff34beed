import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';

interface PointLine {
  type?: string;
  metric?: string;
  data?: { value?: number; tags?: Record<string, string> };
}

/** Counts failed LLM requests by kind from a k6 JSON output file (plain or .gz): http_503, timeout, ... */
export async function countErrorsByKind(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const source = createReadStream(path);
  const input = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    // Cheap filter first: most lines are other metrics.
    if (!line.includes('"llm_errors"') || !line.includes('"Point"')) continue;
    let point: PointLine;
    try {
      point = JSON.parse(line) as PointLine;
    } catch {
      continue;
    }
    if (point.metric !== 'llm_errors' || !point.data?.value) continue;
    const kind = point.data.tags?.['error_kind'] ?? 'unknown';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

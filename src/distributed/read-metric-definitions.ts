// The Metric lines of a k6 JSON output file (--out json=FILE, plain or .gz): each metric's type, value type and
// thresholds, as the part that measured it defined them (k6 writes one before a metric's first Point).
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { gunzipFile, type GunzipState } from '../results/gunzip-file.ts';
import type { MetricType, ValueType } from '../engine/metrics/types.ts';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: ValueType;
  /** As k6 marshals them: a source string, or {threshold, abortOnFail, delayAbortEval}. */
  thresholds: unknown[];
}

const TYPES = new Set<string>(['counter', 'gauge', 'rate', 'trend']);
const CONTAINS = new Set<string>(['default', 'time', 'data']);

function parseDefinition(line: string): MetricDefinition | undefined {
  if (!line.includes('"Metric"')) return undefined;
  let parsed: { type?: unknown; data?: Record<string, unknown> };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return undefined; // a cut last line; the points reader counts damage
  }
  const data = parsed.data;
  if (parsed.type !== 'Metric' || !data || typeof data['name'] !== 'string') return undefined;
  const type = String(data['type']);
  const contains = String(data['contains'] ?? 'default');
  if (!TYPES.has(type) || !CONTAINS.has(contains)) return undefined;
  return {
    name: data['name'],
    type: type as MetricType,
    contains: contains as ValueType,
    thresholds: Array.isArray(data['thresholds']) ? (data['thresholds'] as unknown[]) : [],
  };
}

/** Every metric defined in the file, first definition of a name kept; a damaged file yields what precedes it. */
export async function readMetricDefinitions(path: string): Promise<MetricDefinition[]> {
  const found = new Map<string, MetricDefinition>();
  const decoder = new StringDecoder('utf8');
  const gunzip: GunzipState = { compressedBytes: 0 };
  const chunks = path.endsWith('.gz') ? gunzipFile(path, gunzip) : createReadStream(path);
  let rest = '';
  const take = (line: string): void => {
    const definition = parseDefinition(line);
    if (definition && !found.has(definition.name)) found.set(definition.name, definition);
  };
  for await (const chunk of chunks) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    lines.forEach(take);
  }
  take(rest + decoder.end());
  return [...found.values()];
}

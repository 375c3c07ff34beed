// Streams the Point lines of a k6 JSON output file (--out json=FILE, plain or .gz) without loading it whole.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { constants, createGunzip } from 'node:zlib';

/** One sample from a Point line; `time` is epoch ms (microseconds kept as the fraction). */
export interface MetricPoint {
  metric: string;
  time: number;
  value: number;
  tags: Readonly<Record<string, string>>;
  /** Non-indexed tags (k6 `data.metadata`), e.g. request_id; empty when the line has none. */
  metadata: Readonly<Record<string, string>>;
}

/** What a read saw besides the points it yielded; filled in as the file is read. */
export interface ReadPointsStats {
  points: number;
  /** Lines that looked like Points but did not parse (not counting a cut last line). */
  malformedLines: number;
  /** The file ended in the middle of a line: an interrupted run. */
  truncated: boolean;
}

export interface ReadPointsOptions {
  /** Only these metrics are parsed; the others are skipped before JSON.parse. */
  metrics?: Iterable<string>;
  stats?: ReadPointsStats;
}

interface PointLine {
  type?: unknown;
  metric?: unknown;
  data?: { time?: unknown; value?: unknown; tags?: unknown; metadata?: unknown };
  metadata?: unknown;
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});
const METRIC_KEY = '"metric":"';
const TIME_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/** Yields every Point of a k6 JSON output file in file order; a truncated gzip stream is read up to the cut. */
export async function* readMetricPoints(
  path: string,
  options: ReadPointsOptions = {},
): AsyncGenerator<MetricPoint> {
  const stats = options.stats ?? { points: 0, malformedLines: 0, truncated: false };
  const wanted = options.metrics === undefined ? undefined : new Set(options.metrics);
  const parseTime = createTimeParser();
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of openLines(path)) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      const point = parseLine(text.slice(start, end), wanted, parseTime, stats, false);
      if (point) yield point;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest.trim() === '') return;
  // k6 ends every line with a newline: text after the last one is the line the run was writing when it stopped.
  stats.truncated = true;
  const point = parseLine(rest, wanted, parseTime, stats, true);
  if (point) yield point;
}

function openLines(path: string): Readable {
  const source = createReadStream(path);
  if (!path.endsWith('.gz')) return source;
  // Z_SYNC_FLUSH: a stream cut before its trailer (the run was killed) yields what it holds instead of failing.
  const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
  source.on('error', (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

function parseLine(
  line: string,
  wanted: ReadonlySet<string> | undefined,
  parseTime: (text: string) => number,
  stats: ReadPointsStats,
  lastLine: boolean,
): MetricPoint | undefined {
  // Cheap filters first: Metric lines, and metrics nobody asked for, never reach JSON.parse.
  if (!line.includes('"Point"')) return undefined;
  if (wanted) {
    const at = line.indexOf(METRIC_KEY);
    if (at >= 0) {
      const from = at + METRIC_KEY.length;
      if (!wanted.has(line.slice(from, line.indexOf('"', from)))) return undefined;
    }
  }
  let parsed: PointLine;
  try {
    parsed = JSON.parse(line) as PointLine;
  } catch {
    if (!lastLine) stats.malformedLines += 1;
    return undefined;
  }
  const data = parsed.data;
  if (parsed.type !== 'Point' || typeof parsed.metric !== 'string' || !data) return undefined;
  if (wanted && !wanted.has(parsed.metric)) return undefined;
  const time = typeof data.time === 'string' ? parseTime(data.time) : Number.NaN;
  if (typeof data.value !== 'number' || Number.isNaN(time)) {
    stats.malformedLines += 1;
    return undefined;
  }
  stats.points += 1;
  return {
    metric: parsed.metric,
    time,
    value: data.value,
    tags: asStringMap(data.tags),
    metadata: asStringMap(data.metadata ?? parsed.metadata),
  };
}

function asStringMap(value: unknown): Readonly<Record<string, string>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : NONE;
}

// Date.parse keeps milliseconds only; RFC3339Nano has up to nine digits, and consecutive lines share a second.
function createTimeParser(): (text: string) => number {
  let lastKey = '';
  let lastBase = Number.NaN;
  return (text) => {
    const match = TIME_RE.exec(text);
    if (!match) return Date.parse(text);
    const [, second = '', fraction, zone = ''] = match;
    const key = second + zone;
    if (key !== lastKey) {
      lastKey = key;
      lastBase = Date.parse(key);
    }
    return fraction === undefined ? lastBase : lastBase + Number(`0.${fraction}`) * 1000;
  };
}

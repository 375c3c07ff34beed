// Streams the Point lines of a k6 JSON output file (--out json=FILE, plain or .gz) without loading it whole.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { gunzipFile, type GunzipState, type GzipDamage } from './gunzip-file.ts';

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
  /** The data ends early: its last line is cut, or its gzip stream stops before the trailer (an interrupted run). */
  truncated: boolean;
  /** The file ended in the middle of a line (the line the run was writing when it stopped). */
  cutLine?: boolean;
  /** Why the gzip stream could not be read to its end; the points before the damage were yielded. */
  gzip?: GzipDamage;
  /** The time of the last point yielded (epoch ms): with damage, figures after it are missing. */
  lastPointMs?: number;
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

/**
 * Yields every Point of a k6 JSON output file in file order. A gzip stream that is cut or corrupt is read up to
 * the damage, which goes into `stats` (never thrown); only a file that cannot be opened throws.
 */
export async function* readMetricPoints(
  path: string,
  options: ReadPointsOptions = {},
): AsyncGenerator<MetricPoint> {
  const stats = options.stats ?? { points: 0, malformedLines: 0, truncated: false };
  const wanted = options.metrics === undefined ? undefined : new Set(options.metrics);
  const parseTime = createTimeParser();
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const gunzip: GunzipState = { compressedBytes: 0 };
  const chunks = path.endsWith('.gz') ? gunzipFile(path, gunzip) : createReadStream(path);
  for await (const chunk of chunks) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      const point = parseLine(text.slice(start, end), wanted, parseTime, stats, false);
      if (point) {
        if (!(point.time <= (stats.lastPointMs ?? -Infinity))) stats.lastPointMs = point.time;
        yield point;
      }
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (gunzip.damage) {
    stats.gzip = gunzip.damage;
    // Past corrupt data nothing is trustworthy, not even the line it stopped in.
    if (gunzip.damage.kind !== 'cut') return;
    stats.truncated = true;
  }
  rest += decoder.end();
  if (rest.trim() === '') return;
  // k6 ends every line with a newline: text after the last one is the line the run was writing when it stopped.
  stats.truncated = true;
  stats.cutLine = true;
  const point = parseLine(rest, wanted, parseTime, stats, true);
  if (point) {
    if (!(point.time <= (stats.lastPointMs ?? -Infinity))) stats.lastPointMs = point.time;
    yield point;
  }
}

/** A parser of single Point lines (a followed file, line by line); other lines and unwanted metrics give undefined. */
export function createPointParser(metrics?: Iterable<string>): (line: string) => MetricPoint | undefined {
  const wanted = metrics === undefined ? undefined : new Set(metrics);
  const parseTime = createTimeParser();
  const stats: ReadPointsStats = { points: 0, malformedLines: 0, truncated: false };
  return (line) => parseLine(line, wanted, parseTime, stats, false);
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

import { createWriteStream, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { UserError } from '../../util/errors.ts';
import { hasKeys } from '../../util/has-keys.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { Sample } from '../metrics/types.ts';
import type { ThresholdConfig } from '../thresholds/threshold-config.ts';
import type { ThresholdSet } from '../thresholds/threshold-set.ts';
import { formatStringMap, quoteJson } from './json-encode.ts';
import { formatMetricLine } from './metric-line.ts';
import { Rfc3339Formatter } from './rfc3339.ts';

/** k6 flushes the JSON output every 200 ms (internal/output/json flushPeriod). */
export const JSON_FLUSH_INTERVAL_MS = 200;
// Lines are encoded straight into chunks of this size so short-lived strings die young (cheap GC).
const CHUNK_BYTES = 1 << 20;
const EXIT_GENERIC = 255;

export interface JsonOutputOptions {
  /** File to write; "-" or "" is stdout; a ".gz" suffix gzips. */
  readonly path: string;
  readonly registry: MetricRegistry;
  /** Listed in each Metric line under the metric's exact name, as k6 does. */
  readonly thresholds?: ThresholdSet;
  /** Stream used for "-" (default process.stdout). */
  readonly stdout?: Writable;
  readonly flushIntervalMs?: number;
}

/** k6's `--out json=FILE`: NDJSON Metric and Point lines, buffered and flushed every 200 ms. */
export class JsonOutput {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly prefixes = new Map<string, string>();
  private readonly time = new Rfc3339Formatter();
  private readonly timer: NodeJS.Timeout;
  private error: Error | undefined;

  private constructor(
    private readonly target: Writable,
    private readonly done: () => Promise<void>,
    private readonly options: JsonOutputOptions,
    private readonly thresholds: ReadonlyMap<string, readonly ThresholdConfig[]>,
  ) {
    target.on('error', (error: Error) => (this.error ??= error));
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? JSON_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Opens the destination now so a bad path fails before the test starts. */
  static open(options: JsonOutputOptions): JsonOutput {
    const thresholds = new Map(
      (options.thresholds?.entries ?? []).map((e) => [e.name, e.thresholds.map((t) => t.config)]),
    );
    if (options.path === '' || options.path === '-') {
      const stdout = options.stdout ?? process.stdout;
      const drained = (): Promise<void> => new Promise((resolve) => stdout.write('', () => resolve()));
      return new JsonOutput(stdout, drained, options, thresholds);
    }
    let fd: number;
    try {
      fd = openSync(options.path, 'w');
    } catch (error) {
      throw new UserError(
        `cannot open JSON output file '${options.path}': ${(error as Error).message}`,
        EXIT_GENERIC,
      );
    }
    const file = createWriteStream(options.path, { fd });
    if (!options.path.endsWith('.gz'))
      return new JsonOutput(file, () => endStream(file, file), options, thresholds);
    const gzip = createGzip();
    gzip.pipe(file);
    file.on('error', (error: Error) => gzip.destroy(error));
    return new JsonOutput(gzip, () => endStream(gzip, file), options, thresholds);
  }

  /** A human description, as k6 prints in its banner. */
  get description(): string {
    return this.options.path === '' || this.options.path === '-'
      ? 'json(stdout)'
      : `json (${this.options.path})`;
  }

  /** Buffers one sample (preceded by its metric's Metric line the first time). */
  add(sample: Sample): void {
    const prefix = this.prefixes.get(sample.metric) ?? this.introduce(sample.metric);
    // Go's encoder rejects NaN and ±Inf, so k6 drops such points.
    if (!Number.isFinite(sample.value)) return;
    let line = `${prefix}${this.time.format(sample.time)}","value":${sample.value},"tags":${formatStringMap(sample.tags)}`;
    if (sample.metadata !== undefined && hasKeys(sample.metadata)) {
      line += `,"metadata":${formatStringMap(sample.metadata)}`;
    }
    this.append(`${line}}}\n`);
  }

  addAll(samples: Iterable<Sample>): void {
    for (const sample of samples) this.add(sample);
  }

  /** Hands buffered lines to the stream. */
  flush(): void {
    if (this.used === 0) return;
    let full: Buffer;
    // A mostly empty chunk is copied out and reused; a full one is handed over whole.
    if (this.used < CHUNK_BYTES / 4) {
      full = Buffer.from(this.chunk.subarray(0, this.used));
    } else {
      full = this.chunk.subarray(0, this.used);
      this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    }
    this.used = 0;
    if (this.error === undefined) this.target.write(full);
  }

  private append(text: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.used + text.length * 3 > CHUNK_BYTES) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        if (this.error === undefined) this.target.write(text);
        return;
      }
    }
    this.used += this.chunk.write(text, this.used);
  }

  /** Flushes, stops the timer and finishes the file (gzip trailer included); rejects on a write error. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    await this.done();
    if (this.error !== undefined) throw this.error;
  }

  private introduce(name: string): string {
    const metric = this.options.registry.get(name);
    if (metric === undefined) throw new Error(`sample for unknown metric '${name}'`);
    this.append(formatMetricLine(metric, this.thresholds.get(name) ?? []));
    const prefix = `{"metric":${quoteJson(name)},"type":"Point","data":{"time":"`;
    this.prefixes.set(name, prefix);
    return prefix;
  }
}

async function endStream(head: Writable, file: Writable): Promise<void> {
  head.end();
  await finished(file).catch(() => undefined);
}

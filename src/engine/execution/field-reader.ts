// Typed reads of one raw config object, collecting every problem instead of stopping at the first.
import { formatGoDurationNs, nsToMs, readDurationNs } from '../duration.ts';
import type { Stage } from './types.ts';

/** Describes a value for an error message: JSON where possible, so strings keep their quotes. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** Reads keys of one object; `label` prefixes every message (e.g. "scenario 'api'"). */
export class FieldReader {
  readonly errors: string[];
  private readonly raw: Record<string, unknown>;
  private readonly label: string;

  constructor(raw: Record<string, unknown>, label: string, errors: string[]) {
    this.raw = raw;
    this.label = label;
    this.errors = errors;
  }

  fail(key: string, message: string): void {
    this.errors.push(`${this.label}: '${key}' ${message}`);
  }

  get(key: string): unknown {
    return this.raw[key];
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  /** Flags keys outside `allowed`, as k6's StrictJSONUnmarshal does. */
  rejectUnknownKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!allowed.includes(key)) {
        this.errors.push(`${this.label}: unknown key '${key}' (valid keys: ${allowed.join(', ')})`);
      }
    }
  }

  int(key: string): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    this.fail(key, `expected an integer, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reads a duration (number = ms, or a string like "1m30s") as milliseconds. */
  durationMs(key: string): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    const ns = readDurationNs(value);
    if (ns !== undefined) return nsToMs(ns);
    this.fail(
      key,
      `expected a duration such as "30s", "1m30s" or a number of milliseconds, got ${describeValue(value)}`,
    );
    return undefined;
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.fail(key, `expected a string, got ${describeValue(value)}`);
    return undefined;
  }

  stringMap(key: string): Record<string, string> {
    const value = this.raw[key];
    if (value === undefined || value === null) return {};
    if (typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.every(([, v]) => typeof v === 'string'))
        return Object.fromEntries(entries) as Record<string, string>;
    }
    this.fail(key, `expected an object of string values, got ${describeValue(value)}`);
    return {};
  }

  object(key: string): Record<string, unknown> | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(key, `expected an object, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reads `stages` strictly: each needs a duration (>= 0) and a target (>= 0), nothing else (`validateStages`). */
  stages(key: string): Stage[] {
    const value = this.raw[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(key, `expected an array of {duration, target}, got ${describeValue(value)}`);
      return [];
    }
    return value.flatMap((item: unknown, index) => {
      const where = `${this.label}: stage ${index + 1}`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.errors.push(`${where}: expected {duration, target}, got ${describeValue(item)}`);
        return [];
      }
      const stage = new FieldReader(item as Record<string, unknown>, where, this.errors);
      stage.rejectUnknownKeys(['duration', 'target']);
      const durationMs = stage.durationMs('duration');
      const target = stage.int('target');
      if (!stage.has('duration')) this.errors.push(`${where}: 'duration' is required`);
      else if (durationMs !== undefined && durationMs < 0) stage.fail('duration', 'should not be negative');
      if (!stage.has('target')) this.errors.push(`${where}: 'target' is required`);
      else if (target !== undefined && target < 0) stage.fail('target', 'should not be negative');
      return durationMs === undefined || target === undefined ? [] : [{ durationMs, target }];
    });
  }
}

/** Formats milliseconds as a Go duration for messages. */
export function formatMs(ms: number): string {
  return formatGoDurationNs(Math.round(ms * 1e6));
}

// Narrowing helpers for JSON that podman prints: unknown in, typed fields out, no casts.

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function stringField(record: JsonRecord | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function stringArrayField(record: JsonRecord | undefined, key: string): string[] | undefined {
  const value = record?.[key];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** A JSON object of string values (labels); other values are dropped. */
export function stringMapField(record: JsonRecord | undefined, key: string): Record<string, string> {
  const map = asRecord(record?.[key]) ?? {};
  return Object.fromEntries(
    Object.entries(map).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Parses podman's JSON array output (inspect, stats) and returns its first element as a record. */
export function firstRecord(text: string, what: string): JsonRecord {
  const parsed: unknown = JSON.parse(text);
  const first = asRecord(Array.isArray(parsed) ? parsed[0] : undefined);
  if (!first) throw new Error(`${what}: expected a JSON array of objects, got ${text.slice(0, 200)}`);
  return first;
}

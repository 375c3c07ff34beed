// The options of csv.parse and csv.Parser (k6/experimental/csv), checked with k6's defaults.

/** delimiter ',', skipFirstLine false, fromLine/toLine (0-based lines, inclusive), asObjects false. */
export interface CsvOptions {
  delimiter: string;
  skipFirstLine: boolean;
  fromLine: number | undefined;
  toLine: number | undefined;
  asObjects: boolean;
}

function lineOption(options: Record<string, unknown>, key: string): number | undefined {
  const value = options[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`csv: options.${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Reads and checks `options`; a bad value names the option and what it must be. */
export function readCsvOptions(raw: unknown): CsvOptions {
  const options = (raw ?? {}) as Record<string, unknown>;
  const delimiter = options['delimiter'] ?? ',';
  if (typeof delimiter !== 'string' || [...delimiter].length !== 1) {
    throw new TypeError(
      `csv: options.delimiter must be a single character, got ${JSON.stringify(delimiter)}`,
    );
  }
  const parsed: CsvOptions = {
    delimiter,
    skipFirstLine: options['skipFirstLine'] === true,
    fromLine: lineOption(options, 'fromLine'),
    toLine: lineOption(options, 'toLine'),
    asObjects: options['asObjects'] === true,
  };
  if (parsed.fromLine !== undefined && parsed.toLine !== undefined && parsed.fromLine > parsed.toLine) {
    throw new RangeError(
      `csv: options.fromLine (${parsed.fromLine}) must not be after options.toLine (${parsed.toLine})`,
    );
  }
  return parsed;
}

/** The records `options` selects: skipFirstLine, then fromLine..toLine; as objects keyed by the header. */
export function selectRecords(
  records: string[][],
  options: CsvOptions,
): (string[] | Record<string, string>)[] {
  const header = records[0] ?? [];
  const first = Math.max(options.skipFirstLine || options.asObjects ? 1 : 0, options.fromLine ?? 0);
  const last =
    options.toLine === undefined ? records.length - 1 : Math.min(options.toLine, records.length - 1);
  const chosen = records.slice(first, last + 1);
  if (!options.asObjects) return chosen;
  return chosen.map((record) => Object.fromEntries(header.map((key, i) => [key, record[i] ?? ''])));
}

// `k6/experimental/csv`: csv.parse(file, options) into a shared read-only array, csv.Parser for one record at a time.
import type { VuContext } from '../../runtime/vu-context.ts';
import { deepFreeze } from '../deep-freeze.ts';
import { type File, fileBytes } from '../fs/fs-file.ts';
import { readCsvOptions, selectRecords } from './csv-options.ts';
import { parseCsvRecords } from './parse-csv.ts';

function recordsOf(file: unknown, options: unknown): (string[] | Record<string, string>)[] {
  const parsed = readCsvOptions(options);
  const text = new TextDecoder().decode(fileBytes(file as File));
  return selectRecords(parseCsvRecords(text, parsed.delimiter), parsed);
}

/** Creates one VU's `k6/experimental/csv`; `store` (per run) keeps one parsed copy per file and options. */
export function createCsvModule(
  ctx: VuContext,
  store: Map<string, readonly unknown[]>,
): Record<string, unknown> {
  /** parse(file, options): a promise of the records, read-only and shared by every VU (as a SharedArray). */
  function parse(file: unknown, options?: unknown): Promise<readonly unknown[]> {
    if (!ctx.isInit()) return Promise.reject(new Error('csv.parse() can only be called in the init context'));
    try {
      const key = `${(file as File).path}\u0000${JSON.stringify(options ?? {})}`;
      let records = store.get(key);
      if (!records) {
        records = deepFreeze(recordsOf(file, options));
        store.set(key, records);
      }
      return Promise.resolve(records);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** csv.Parser: `next()` resolves `{ done, value }` record by record, as an async iterator does. */
  class Parser {
    private readonly records: (string[] | Record<string, string>)[];
    private index = 0;

    constructor(file: unknown, options?: unknown) {
      if (!ctx.isInit()) throw new Error('csv.Parser can only be constructed in the init context');
      this.records = recordsOf(file, options);
    }

    next(): Promise<{ done: boolean; value: string[] | Record<string, string> | undefined }> {
      const value = this.records[this.index];
      if (value === undefined) return Promise.resolve({ done: true, value: undefined });
      this.index += 1;
      return Promise.resolve({ done: false, value });
    }
  }

  const api = { parse, Parser };
  return { ...api, default: api };
}

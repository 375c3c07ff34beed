// k6/experimental/fs and k6/experimental/csv over real files: open at init, read/seek/stat, parse and Parser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsModule } from '../../../../src/engine/modules/fs/k6-fs.ts';
import { createCsvModule } from '../../../../src/engine/modules/csv/k6-csv.ts';
import { parseCsvRecords } from '../../../../src/engine/modules/csv/parse-csv.ts';
import type { File } from '../../../../src/engine/modules/fs/fs-file.ts';
import { createFakeVuContext } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'inferload-fs-'));
writeFileSync(join(dir, 'hello.txt'), 'hello, world');
writeFileSync(
  join(dir, 'users.csv'),
  'name,city\r\nada,"London, UK"\nalan,"said ""hi"""\n\nkatherine,Hampton\n',
);

type Fs = { open(path: string): Promise<File>; SeekMode: { Start: number; Current: number; End: number } };
type Csv = {
  parse(file: File, options?: unknown): Promise<readonly unknown[]>;
  Parser: new (file: File, options?: unknown) => { next(): Promise<{ done: boolean; value: unknown }> };
};

function modules(init = true): { fs: Fs; csv: Csv; ctx: ReturnType<typeof createFakeVuContext> } {
  const ctx = createFakeVuContext({ init });
  return {
    ctx,
    fs: createFsModule(ctx, dir, new Map()) as unknown as Fs,
    csv: createCsvModule(ctx, new Map()) as unknown as Csv,
  };
}

describe('k6/experimental/fs', () => {
  it('opens relative to the script, reads into a Uint8Array until null, seeks and stats', async () => {
    const { fs } = modules();
    const file = await fs.open('hello.txt');
    assert.deepEqual(await file.stat(), { name: join(dir, 'hello.txt'), size: 12 });
    const buffer = new Uint8Array(5);
    assert.equal(await file.read(buffer), 5);
    assert.equal(new TextDecoder().decode(buffer), 'hello');
    assert.equal(await file.seek(-5, fs.SeekMode.End), 7);
    assert.equal(await file.read(buffer), 5);
    assert.equal(new TextDecoder().decode(buffer), 'world');
    assert.equal(await file.read(buffer), null);
    assert.equal(await file.seek(2, fs.SeekMode.Start), 2);
    assert.equal(await file.seek(1, fs.SeekMode.Current), 3);
    await assert.rejects(file.seek(-10, fs.SeekMode.Current), /cannot be negative/);
    await assert.rejects(file.read([] as unknown as Uint8Array), /must be a Uint8Array/);
  });

  it('names a missing file, and refuses open() outside the init context', async () => {
    await assert.rejects(modules().fs.open('missing.txt'), /missing\.txt: no such file or directory/);
    await assert.rejects(modules(false).fs.open('hello.txt'), /init context/);
  });
});

describe('k6/experimental/csv', () => {
  it('parses quoted fields, doubled quotes, CRLF and skips blank lines', () => {
    assert.deepEqual(parseCsvRecords('a,"b,c"\r\n"d ""e"""\n\nf', ','), [['a', 'b,c'], ['d "e"'], ['f']]);
    assert.throws(() => parseCsvRecords('"open', ','), /quoted-field/);
  });

  it('parse() gives a frozen array, honours skipFirstLine, fromLine/toLine and asObjects', async () => {
    const { fs, csv } = modules();
    const file = await fs.open('users.csv');
    const all = await csv.parse(file, { skipFirstLine: true });
    assert.deepEqual(all, [
      ['ada', 'London, UK'],
      ['alan', 'said "hi"'],
      ['katherine', 'Hampton'],
    ]);
    assert.ok(Object.isFrozen(all) && Object.isFrozen(all[0]));
    assert.deepEqual(await csv.parse(file, { fromLine: 2, toLine: 2 }), [['alan', 'said "hi"']]);
    assert.deepEqual((await csv.parse(file, { asObjects: true }))[0], { name: 'ada', city: 'London, UK' });
    await assert.rejects(
      csv.parse(file, { delimiter: ';;' }),
      /options\.delimiter must be a single character/,
    );
    await assert.rejects(
      csv.parse(file, { fromLine: -1 }),
      /options\.fromLine must be a non-negative integer/,
    );
  });

  it('Parser.next() walks the records and then reports done', async () => {
    const { fs, csv } = modules();
    const parser = new csv.Parser(await fs.open('users.csv'), { skipFirstLine: true });
    const names: unknown[] = [];
    for (let step = await parser.next(); !step.done; step = await parser.next()) {
      names.push((step.value as string[])[0]);
    }
    assert.deepEqual(names, ['ada', 'alan', 'katherine']);
  });
});

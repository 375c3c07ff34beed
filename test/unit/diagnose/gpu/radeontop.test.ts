import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRadeontopLine, parseRadeontopTimestamp } from '../../../../src/diagnose/gpu/radeontop.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu');
const lines = readFileSync(join(fixtures, 'radeontop-dump.txt'), 'utf8').split('\n');

describe('parseRadeontopLine', () => {
  it('skips the banner and blank lines', () => {
    assert.equal(lines[0], 'Dumping to -, line limit 1.');
    assert.equal(parseRadeontopLine(lines[0] as string), undefined);
    assert.equal(parseRadeontopLine(''), undefined);
  });

  it('reads gpu %, vram and gtt mb (MiB) and the clocks in GHz as MHz; bus is hex', () => {
    assert.deepEqual(parseRadeontopLine(lines[1] as string), {
      index: 3,
      source: 'radeontop',
      utilPercent: 98.33,
      vramUsedBytes: Math.round(21596.45 * 1024 * 1024),
      gttUsedBytes: Math.round(254.2 * 1024 * 1024),
      smClockMHz: 2338,
      memClockMHz: 1249,
    });
  });

  it('reads an APU on bus c4 with the model in GTT', () => {
    const sample = parseRadeontopLine(lines[2] as string);
    assert.equal(sample?.index, 0xc4);
    assert.equal(sample?.gttUsedBytes, 61440 * 1024 * 1024);
    assert.equal(sample?.vramUsedBytes, 366 * 1024 * 1024);
    assert.equal(sample?.smClockMHz, 2880);
    assert.equal(sample?.memClockMHz, 1000);
  });

  it('reads a line without the vram, gtt and clock parts', () => {
    assert.deepEqual(parseRadeontopLine(lines[3] as string), {
      index: 1,
      source: 'radeontop',
      utilPercent: 12.5,
    });
  });

  it('reads a line from releases before the bus field as index 0', () => {
    assert.deepEqual(parseRadeontopLine(lines[4] as string), {
      index: 0,
      source: 'radeontop',
      utilPercent: 0,
      vramUsedBytes: Math.round(153.66 * 1024 * 1024),
    });
  });

  it('returns undefined for lines without a gpu figure', () => {
    assert.equal(parseRadeontopLine('Cannot access GPU registers, are you root?'), undefined);
    assert.equal(parseRadeontopLine('1718000000.5: bus 03'), undefined);
  });
});

describe('parseRadeontopTimestamp', () => {
  it('treats the microseconds as unpadded', () => {
    assert.equal(parseRadeontopTimestamp(lines[1] as string), 1718000000 * 1000 + 84.311);
    assert.equal(parseRadeontopTimestamp(lines[2] as string), 1718000002 * 1000 + 100.234);
    assert.equal(parseRadeontopTimestamp(lines[3] as string), 1718000005 * 1000 + 0.005);
    assert.equal(parseRadeontopTimestamp(lines[0] as string), undefined);
  });
});

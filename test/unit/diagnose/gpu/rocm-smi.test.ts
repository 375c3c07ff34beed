import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRocmSmiJson } from '../../../../src/diagnose/gpu/rocm-smi.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

describe('parseRocmSmiJson', () => {
  it('reads ROCm 6 key names (Read/Write Activity, GTT) for each card and skips "system"', () => {
    assert.deepEqual(parseRocmSmiJson(fixture('rocm-smi-6.json')), [
      {
        index: 0,
        source: 'rocm-smi',
        name: 'Radeon RX 7900 XTX',
        utilPercent: 99,
        memBusyPercent: 47,
        vramUsedBytes: 22682796032,
        vramTotalBytes: 25753026560,
        gttUsedBytes: 29405184,
        gttTotalBytes: 33524027392,
        powerWatts: 331,
        temperatureC: 62,
        smClockMHz: 2482,
        memClockMHz: 1249,
      },
      {
        index: 1,
        source: 'rocm-smi',
        name: 'Radeon RX 7900 XTX',
        utilPercent: 0,
        memBusyPercent: 0,
        vramUsedBytes: 27947008,
        vramTotalBytes: 25753026560,
        gttUsedBytes: 16003072,
        gttTotalBytes: 33524027392,
        powerWatts: 19,
        temperatureC: 31,
        smClockMHz: 0,
        memClockMHz: 96,
      },
    ]);
  });

  it('reads ROCm 5 names ("GPU memory use (%)") and leaves the secondary die power undefined', () => {
    const [die0, die1] = parseRocmSmiJson(fixture('rocm-smi-5.json'));
    assert.deepEqual(die0, {
      index: 0,
      source: 'rocm-smi',
      utilPercent: 93,
      memBusyPercent: 41,
      vramUsedBytes: 51543801856,
      vramTotalBytes: 68702699520,
      powerWatts: 287,
      temperatureC: 45,
      smClockMHz: 1700,
      memClockMHz: 1600,
    });
    assert.equal(die1?.index, 1);
    assert.equal(die1?.powerWatts, undefined);
    assert.equal(die1?.utilPercent, 91);
  });

  it('reads the APU current socket power after a warning line, with small VRAM and GTT', () => {
    assert.deepEqual(parseRocmSmiJson(fixture('rocm-smi-apu-warning.txt')), [
      {
        index: 0,
        source: 'rocm-smi',
        name: 'Phoenix3',
        utilPercent: 19,
        vramUsedBytes: 467140608,
        vramTotalBytes: 536870912,
        gttUsedBytes: 5368709120,
        gttTotalBytes: 16252928000,
        powerWatts: 7.222,
        temperatureC: 31,
        smClockMHz: 800,
        memClockMHz: 400,
      },
    ]);
  });

  it('matches old lower-case "(c)" keys and falls back to the junction sensor', () => {
    // Recorded from `rocm-smi -f -t -P --json` on ROCm 2.x (RainbowMiner issue #749).
    const old =
      '{"card0": {"Fan Speed (%)": "45", "Average Graphics Package Power (W)": "222.0", ' +
      '"Temperature (Sensor mem) (c)": "79.0", "Fan Speed (level)": "117", ' +
      '"Temperature (Sensor junction) (c)": "103.0", "Temperature (Sensor edge) (c)": "77.0"}}';
    assert.deepEqual(parseRocmSmiJson(old), [
      { index: 0, source: 'rocm-smi', powerWatts: 222, temperatureC: 77 },
    ]);
    const mi300 =
      '{"card3": {"Temperature (Sensor edge) (C)": "N/A", "Temperature (Sensor junction) (C)": "48.0"}}';
    assert.deepEqual(parseRocmSmiJson(mi300), [{ index: 3, source: 'rocm-smi', temperatureC: 48 }]);
  });

  it('throws an error naming the expected shape for output that is not a JSON object', () => {
    assert.throws(() => parseRocmSmiJson(''), /rocm-smi --json: expected a JSON object .*got empty output/);
    assert.throws(
      () => parseRocmSmiJson('ERROR: No AMD GPUs specified'),
      /expected a JSON object such as \{"card0": \{\.\.\.\}\}, got "ERROR: No AMD GPUs specified"/,
    );
    assert.throws(() => parseRocmSmiJson('{"card0": {"GPU use (%)": "1"'), /expected a JSON object/);
    assert.throws(() => parseRocmSmiJson('["card0"]'), /expected a JSON object/);
  });

  it('gives no samples when no card is listed', () => {
    assert.deepEqual(parseRocmSmiJson('{"system": {"Driver version": "6.8.5"}}'), []);
  });
});

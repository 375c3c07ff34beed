import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAmdSmiMetricJson } from '../../../../src/diagnose/gpu/amd-smi.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const MIB = 1024 * 1024;

describe('parseAmdSmiMetricJson', () => {
  it('reads the old top-level array form, MB as MiB', () => {
    const [radeon, mi300] = parseAmdSmiMetricJson(fixture('amd-smi-metric-array.json'));
    assert.deepEqual(radeon, {
      index: 0,
      source: 'amd-smi',
      utilPercent: 42,
      memBusyPercent: 18,
      vramUsedBytes: 6913 * MIB,
      vramTotalBytes: 8176 * MIB,
      gttUsedBytes: 65 * MIB,
      gttTotalBytes: 64357 * MIB,
      powerWatts: 96,
      temperatureC: 61,
      smClockMHz: 2491,
      memClockMHz: 875,
    });
    // socket_power "N/A" falls back to average_socket_power; edge "N/A" falls back to hotspot.
    assert.equal(mi300?.index, 1);
    assert.equal(mi300?.powerWatts, 648);
    assert.equal(mi300?.temperatureC, 71);
    assert.equal(mi300?.vramUsedBytes, 180224 * MIB);
  });

  it('reads the newer {"gpu_data": [...]} form, including an APU holding its model in GTT', () => {
    const [dgpu, apu] = parseAmdSmiMetricJson(fixture('amd-smi-metric-gpu-data.json'));
    assert.equal(dgpu?.utilPercent, 97);
    assert.equal(dgpu?.memBusyPercent, 52);
    assert.equal(dgpu?.vramUsedBytes, 20450 * MIB);
    assert.equal(dgpu?.powerWatts, 291);
    assert.equal(dgpu?.temperatureC, 54);
    assert.deepEqual(apu, {
      index: 1,
      source: 'amd-smi',
      utilPercent: 100,
      vramUsedBytes: 371 * MIB,
      vramTotalBytes: 512 * MIB,
      gttUsedBytes: 61440 * MIB,
      gttTotalBytes: 110592 * MIB,
      powerWatts: 88,
      temperatureC: 58,
      smClockMHz: 2880,
    });
  });

  it('leaves "N/A" sections and values undefined', () => {
    const text = JSON.stringify({
      gpu_data: [
        { gpu: 2, usage: 'N/A', mem_usage: 'N/A', power: { socket_power: { value: 'N/A', unit: 'W' } } },
      ],
    });
    assert.deepEqual(parseAmdSmiMetricJson(text), [{ index: 2, source: 'amd-smi' }]);
  });

  it('accepts bare numbers, "31 W" strings, GB and B units, and a warning before the JSON', () => {
    const text = [
      'WARNING: User is missing the following required groups: render, video.',
      JSON.stringify([
        {
          gpu: 0,
          usage: { gfx_activity: 50, umc_activity: '12 %' },
          mem_usage: {
            total_vram: { value: 24, unit: 'GB' },
            used_vram: { value: 1073741824, unit: 'B' },
            used_gtt: 300,
          },
          power: { socket_power: '31 W' },
          temperature: { edge: 40 },
        },
      ]),
    ].join('\n');
    assert.deepEqual(parseAmdSmiMetricJson(text), [
      {
        index: 0,
        source: 'amd-smi',
        utilPercent: 50,
        memBusyPercent: 12,
        vramTotalBytes: 24 * 1024 * MIB,
        vramUsedBytes: 1073741824,
        gttUsedBytes: 300 * MIB,
        powerWatts: 31,
        temperatureC: 40,
      },
    ]);
  });

  it('sorts by gpu and skips entries without a gpu number', () => {
    const text = JSON.stringify([{ gpu: 1 }, { note: 'x' }, { gpu: 0 }]);
    assert.deepEqual(
      parseAmdSmiMetricJson(text).map((s) => s.index),
      [0, 1],
    );
  });

  it('throws an error naming both expected shapes for garbage', () => {
    assert.throws(
      () => parseAmdSmiMetricJson('amd-smi: command not found'),
      /amd-smi metric --json: expected a JSON array of GPUs or \{"gpu_data": \[\.\.\.\]\}, got "amd-smi: command not found"/,
    );
    assert.throws(() => parseAmdSmiMetricJson('{"gpu": 0}'), /expected a JSON array/);
    assert.throws(() => parseAmdSmiMetricJson('[{"gpu": 0,'), /expected a JSON array/);
    assert.throws(() => parseAmdSmiMetricJson(''), /got empty output/);
  });
});

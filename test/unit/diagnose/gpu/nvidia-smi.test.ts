import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NVIDIA_FIELDS,
  NVIDIA_LEGACY_FIELDS,
  isUnknownNvidiaField,
  nvidiaSmiQueryArgs,
  parseNvidiaSmiCsvLine,
  parseNvidiaSmiDmon,
} from '../../../../src/diagnose/gpu/nvidia-smi.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const lines = (name: string): string[] => fixture(name).split('\n');
const MIB = 1024 * 1024;

describe('nvidiaSmiQueryArgs', () => {
  it('queries the new clocks_event_reasons names, CSV without header or units, every intervalMs', () => {
    assert.deepEqual(nvidiaSmiQueryArgs(500, false), [
      '--query-gpu=timestamp,index,name,utilization.gpu,utilization.memory,memory.used,memory.total,' +
        'power.draw,temperature.gpu,clocks.sm,clocks.mem,clocks_event_reasons.active,' +
        'clocks_event_reasons.sw_power_cap,clocks_event_reasons.hw_slowdown,' +
        'clocks_event_reasons.sw_thermal_slowdown,clocks_event_reasons.hw_thermal_slowdown',
      '--format=csv,noheader,nounits',
      '-lms',
      '500',
    ]);
  });

  it('falls back to clocks_throttle_reasons for old drivers, same order', () => {
    const [query] = nvidiaSmiQueryArgs(1000, true);
    assert.equal(query, `--query-gpu=${NVIDIA_LEGACY_FIELDS.join(',')}`);
    assert.ok(!query?.includes('clocks_event_reasons'));
    assert.deepEqual(
      NVIDIA_LEGACY_FIELDS.map((f) => f.replace('clocks_throttle_reasons.', 'clocks_event_reasons.')),
      [...NVIDIA_FIELDS],
    );
    assert.equal(nvidiaSmiQueryArgs(1000, true)[3], '1000');
  });

  it('recognises the old driver refusing a new field name', () => {
    assert.equal(
      isUnknownNvidiaField('Field "clocks_event_reasons.active" is not a valid field to query.\n'),
      true,
    );
    assert.equal(isUnknownNvidiaField('No devices were found'), false);
  });
});

describe('parseNvidiaSmiCsvLine', () => {
  it('reads a busy H100 capped by software power limit', () => {
    assert.deepEqual(parseNvidiaSmiCsvLine(lines('nvidia-smi-h100-busy.csv')[0] as string), {
      index: 0,
      source: 'nvidia-smi',
      name: 'NVIDIA H100 80GB HBM3',
      utilPercent: 98,
      memBusyPercent: 61,
      vramUsedBytes: 74566 * MIB,
      vramTotalBytes: 81559 * MIB,
      powerWatts: 612.43,
      temperatureC: 67,
      smClockMHz: 1980,
      memClockMHz: 2619,
      throttle: { thermal: false, power: true, reasons: ['sw_power_cap'] },
    });
  });

  it('reads an idle A100, whose only active reason is gpu_idle', () => {
    const sample = parseNvidiaSmiCsvLine(lines('nvidia-smi-a100-idle.csv')[0] as string);
    assert.equal(sample?.index, 1);
    assert.equal(sample?.utilPercent, 0);
    assert.equal(sample?.vramUsedBytes, 4 * MIB);
    assert.equal(sample?.vramTotalBytes, 40960 * MIB);
    assert.equal(sample?.smClockMHz, 210);
    assert.deepEqual(sample?.throttle, { thermal: false, power: false, reasons: ['gpu_idle'] });
  });

  it('leaves [N/A] and [Not Supported] fields undefined on a consumer GPU', () => {
    assert.deepEqual(parseNvidiaSmiCsvLine(lines('nvidia-smi-consumer-na.csv')[0] as string), {
      index: 0,
      source: 'nvidia-smi',
      name: 'NVIDIA GeForce MX450',
      utilPercent: 23,
      vramUsedBytes: 1211 * MIB,
      vramTotalBytes: 2048 * MIB,
      temperatureC: 52,
      smClockMHz: 1395,
      memClockMHz: 5000,
    });
  });

  it('reads output of the legacy clocks_throttle_reasons query the same way', () => {
    const sample = parseNvidiaSmiCsvLine(lines('nvidia-smi-legacy-driver.csv')[0] as string);
    assert.equal(sample?.name, 'NVIDIA GeForce RTX 3080');
    assert.equal(sample?.powerWatts, 318.71);
    assert.equal(sample?.memClockMHz, 9251);
    assert.deepEqual(sample?.throttle, { thermal: false, power: true, reasons: ['sw_power_cap'] });
  });

  it('reads one sample per GPU from a multi-GPU loop', () => {
    const samples = lines('nvidia-smi-multi-gpu.csv')
      .map(parseNvidiaSmiCsvLine)
      .filter((s) => s !== undefined);
    assert.deepEqual(
      samples.map((s) => [s.index, s.utilPercent, s.vramUsedBytes, s.powerWatts]),
      [
        [0, 97, 21873 * MIB, 402.18],
        [1, 95, 20519 * MIB, 389.9],
      ],
    );
    assert.deepEqual(samples[0]?.throttle, { thermal: false, power: false, reasons: [] });
  });

  it('flags thermal throttling from the 0x20 bit and the sw_thermal_slowdown field', () => {
    const sample = parseNvidiaSmiCsvLine(lines('nvidia-smi-thermal-slowdown.csv')[0] as string);
    assert.equal(sample?.temperatureC, 84);
    assert.deepEqual(sample?.throttle, { thermal: true, power: false, reasons: ['sw_thermal_slowdown'] });
  });

  it('reads the bitmask alone, naming every NVML reason bit', () => {
    const line =
      '2025/06/11 14:12:31.077, 0, NVIDIA H100 PCIe, 100, 80, 1, 81559, 349.1, 91, 1410, 1593, ' +
      '0x00000000000000C8, [N/A], [N/A], [N/A], [N/A]';
    assert.deepEqual(parseNvidiaSmiCsvLine(line)?.throttle, {
      thermal: true,
      power: true,
      reasons: ['hw_slowdown', 'hw_thermal_slowdown', 'hw_power_brake_slowdown'],
    });
  });

  it('gives the same sample for output with units', () => {
    const withUnits = parseNvidiaSmiCsvLine(lines('nvidia-smi-units.csv')[0] as string);
    const without = parseNvidiaSmiCsvLine(lines('nvidia-smi-h100-busy.csv')[0] as string);
    assert.deepEqual(withUnits, without);
  });

  it('keeps a GPU name that holds a comma', () => {
    const line =
      '2025/06/11 14:03:27.412, 0, NVIDIA Graphics Device, Rev B, 1, 2, 3, 4, 5.5, 6, 7, 8, ' +
      '0x0000000000000000, Not Active, Not Active, Not Active, Not Active';
    const sample = parseNvidiaSmiCsvLine(line);
    assert.equal(sample?.name, 'NVIDIA Graphics Device, Rev B');
    assert.equal(sample?.utilPercent, 1);
    assert.equal(sample?.memClockMHz, 8);
  });

  it('returns undefined for blank lines, errors, headers and truncated lines', () => {
    for (const line of lines('nvidia-smi-failed.txt')) assert.equal(parseNvidiaSmiCsvLine(line), undefined);
    assert.equal(parseNvidiaSmiCsvLine(''), undefined);
    assert.equal(parseNvidiaSmiCsvLine('No devices were found'), undefined);
    assert.equal(parseNvidiaSmiCsvLine(NVIDIA_FIELDS.join(', ')), undefined);
    assert.equal(parseNvidiaSmiCsvLine('2025/06/11 14:03:27.412, 0, NVIDIA H100 80GB HBM3, 98'), undefined);
  });
});

describe('parseNvidiaSmiDmon', () => {
  it('maps dmon -s pucm columns by the header, fb MB as MiB, "-" as unsupported, headers repeated', () => {
    assert.deepEqual(parseNvidiaSmiDmon(fixture('nvidia-smi-dmon.txt')), [
      {
        index: 0,
        source: 'nvidia-smi',
        powerWatts: 411,
        temperatureC: 45,
        utilPercent: 95,
        memBusyPercent: 38,
        memClockMHz: 12481,
        smClockMHz: 2370,
        vramUsedBytes: 20725 * MIB,
      },
      {
        index: 1,
        source: 'nvidia-smi',
        powerWatts: 21,
        temperatureC: 37,
        utilPercent: 0,
        memBusyPercent: 0,
        memClockMHz: 405,
        smClockMHz: 645,
        vramUsedBytes: 433 * MIB,
      },
      {
        index: 0,
        source: 'nvidia-smi',
        powerWatts: 218,
        temperatureC: 43,
        utilPercent: 95,
        memBusyPercent: 0,
        smClockMHz: 2325,
        vramUsedBytes: 725 * MIB,
      },
    ]);
  });

  it('reads the -o DT form, whose date and time come before gpu, and older column sets', () => {
    const samples = parseNvidiaSmiDmon(fixture('nvidia-smi-dmon-dt.txt'));
    assert.equal(samples.length, 2);
    assert.deepEqual(samples[1], {
      index: 0,
      source: 'nvidia-smi',
      powerWatts: 276,
      temperatureC: 41,
      utilPercent: 88,
      memBusyPercent: 41,
      memClockMHz: 1593,
      smClockMHz: 1410,
      vramUsedBytes: 31987 * MIB,
    });
  });

  it('skips rows without a header and error text', () => {
    assert.deepEqual(parseNvidiaSmiDmon('    0    411     45      -     95     38\n'), []);
    assert.deepEqual(
      parseNvidiaSmiDmon('Not supported on the device(s)\nFailed to process command line\n'),
      [],
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAmdSmiMetricJson } from '../../../../src/diagnose/gpu/amd-smi.ts';
import { NVIDIA_FIELDS, NVIDIA_LEGACY_FIELDS } from '../../../../src/diagnose/gpu/nvidia-smi.ts';
import { parseRocmSmiJson } from '../../../../src/diagnose/gpu/rocm-smi.ts';
import type { HostDiscovery } from '../../../../src/diagnose/host/discover-host.ts';
import { gpuSource } from '../../../../src/diagnose/host/gpu-source.ts';
import { HostFrameReader } from '../../../../src/diagnose/host/host-frame.ts';

const gpuFixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu');
const fixture = (name: string): string => readFileSync(join(gpuFixtures, name), 'utf8');
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

function discovery(extra: Partial<HostDiscovery> = {}): HostDiscovery {
  return {
    tools: new Set(),
    onlineCpus: [0, 1],
    amdgpuCards: [],
    amdgpuHwmon: new Map(),
    temperatures: [],
    cpufreqFiles: new Map(),
    throttleCountFiles: [],
    physicalCores: (cpus) => cpus.length,
    ...extra,
  };
}

describe('gpuSource nvidia-smi', () => {
  it('runs the CSV query loop at the interval, with the legacy field names when asked', () => {
    const source = gpuSource('nvidia-smi', discovery(), 1000);
    assert.equal(source.mode, 'lines');
    assert.deepEqual(source.argv, [
      'nvidia-smi',
      `--query-gpu=${NVIDIA_FIELDS.join(',')}`,
      '--format=csv,noheader,nounits',
      '-lms',
      '1000',
    ]);
    assert.deepEqual(source.files, []);
    const legacy = gpuSource('nvidia-smi', discovery(), 500, true);
    assert.equal(legacy.argv[1], `--query-gpu=${NVIDIA_LEGACY_FIELDS.join(',')}`);
    assert.equal(legacy.argv.at(-1), '500');
  });

  it('keeps the latest line of each GPU since the last frame, ordered by index', () => {
    const [gpu0, gpu1] = lines(fixture('nvidia-smi-multi-gpu.csv'));
    const later0 = (gpu0 as string).replace('14:10:00.501', '14:10:01.501').replace(', 97, 58,', ', 12, 3,');
    const source = gpuSource('nvidia-smi', discovery(), 1000);
    const samples = source.read(
      [gpu1 as string, gpu0 as string, 'NVIDIA-SMI has failed', '', later0],
      new Map(),
    );
    assert.deepEqual(
      samples.map((s) => [s.index, s.utilPercent, s.memBusyPercent]),
      [
        [0, 12, 3],
        [1, 95, 55],
      ],
    );
  });

  it('gives no GPUs for a frame without GPU lines', () => {
    assert.deepEqual(gpuSource('nvidia-smi', discovery(), 1000).read(undefined, new Map()), []);
  });
});

describe('gpuSource radeontop', () => {
  it('dumps to stdout every interval in whole seconds, at least one', () => {
    assert.deepEqual(gpuSource('radeontop', discovery(), 1500).argv, ['radeontop', '-d', '-', '-i', '2']);
    assert.deepEqual(gpuSource('radeontop', discovery(), 200).argv, ['radeontop', '-d', '-', '-i', '1']);
  });

  it('skips the banner and keeps the latest dump line', () => {
    const source = gpuSource('radeontop', discovery(), 1000);
    const samples = source.read(
      [
        'Dumping to -, line limit 1.',
        '1700000000.5123: bus 03, gpu 12.50%, ee 0.00%, vram 5.12% 820.45mb',
        '1700000001.5123: bus 03, gpu 88.00%, ee 0.00%, vram 5.12% 820.45mb',
      ],
      new Map(),
    );
    assert.deepEqual(
      samples.map((s) => [s.index, s.utilPercent]),
      [[3, 88]],
    );
  });
});

describe('gpuSource snapshot tools', () => {
  it('runs amd-smi no more often than every 5 s, and parses the whole JSON of the snapshot', () => {
    const source = gpuSource('amd-smi', discovery(), 1000);
    assert.equal(source.mode, 'snapshot');
    assert.equal(source.snapshotSeconds, 5);
    assert.deepEqual(source.argv, ['amd-smi', 'metric', '--json']);
    assert.equal(gpuSource('amd-smi', discovery(), 10_000).snapshotSeconds, 10);
    const text = fixture('amd-smi-metric-gpu-data.json');
    const samples = source.read(text.split('\n'), new Map());
    assert.equal(samples.length, 2);
    assert.deepEqual(samples, parseAmdSmiMetricJson(text));
    assert.deepEqual(source.read(undefined, new Map()), []);
  });

  it('runs rocm-smi with the use, memory, power and temperature flags, and parses its JSON', () => {
    const source = gpuSource('rocm-smi', discovery(), 2000);
    assert.equal(source.mode, 'snapshot');
    assert.equal(source.snapshotSeconds, 5);
    assert.deepEqual(source.argv, [
      'rocm-smi',
      '--showuse',
      '--showmemuse',
      '--showmeminfo',
      'vram',
      'gtt',
      '--showpower',
      '--showtemp',
      '--json',
    ]);
    const text = fixture('rocm-smi-6.json');
    const samples = source.read(text.split('\n'), new Map());
    assert.equal(samples[0]?.utilPercent, 99);
    assert.deepEqual(samples, parseRocmSmiJson(text));
  });
});

describe('gpuSource amdgpu-sysfs', () => {
  const found = discovery({ amdgpuCards: [0, 2], amdgpuHwmon: new Map([[0, 'hwmon/hwmon4']]) });

  it('reads the files of each amdgpu card, hwmon ones in the folder discovery found', () => {
    const source = gpuSource('amdgpu-sysfs', found, 1000);
    assert.equal(source.mode, 'none');
    assert.deepEqual(source.argv, []);
    assert.ok(source.files.includes('/sys/class/drm/card0/device/gpu_busy_percent'));
    assert.ok(source.files.includes('/sys/class/drm/card0/device/hwmon/hwmon4/temp1_input'));
    assert.ok(source.files.includes('/sys/class/drm/card0/device/hwmon/hwmon4/power1_average'));
    // card2 has no hwmon folder known: its hwmon paths stay as listed (and read nothing).
    assert.ok(source.files.includes('/sys/class/drm/card2/device/hwmon/temp1_input'));
    assert.equal(source.files.filter((f) => f.includes('/hwmon/hwmon4/')).length, 4);
    assert.equal(source.files.length, 26);
  });

  it('reads a frame grepped from a recorded sysfs tree into one sample per AMD card', () => {
    const source = gpuSource('amdgpu-sysfs', found, 1000);
    const tree = join(gpuFixtures, 'amdgpu-sysfs');
    const local = source.files.map((f) => f.replace('/sys/class/drm', tree));
    // As the sampler reads them: grep -H '' over every file, missing ones silently skipped.
    const grep = spawnSync('grep', ['-H', '', ...local], { encoding: 'utf8' });
    const text = grep.stdout.split(tree).join('/sys/class/drm');
    const [frame] = new HostFrameReader(source.files).push(`@@frame\n${text}@@end\n`);
    assert.ok(frame);
    assert.deepEqual(source.read(undefined, frame.files), [
      {
        index: 0,
        source: 'amdgpu-sysfs',
        utilPercent: 99,
        memBusyPercent: 47,
        vramUsedBytes: 22682796032,
        vramTotalBytes: 25753026560,
        gttUsedBytes: 29405184,
        gttTotalBytes: 33524027392,
        temperatureC: 62,
        powerWatts: 331,
        smClockMHz: 2482,
        memClockMHz: 1249,
      },
    ]);
  });
});

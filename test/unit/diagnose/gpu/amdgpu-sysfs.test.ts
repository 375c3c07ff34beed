import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AMDGPU_SYSFS_FILES, parseAmdgpuSysfs } from '../../../../src/diagnose/gpu/amdgpu-sysfs.ts';

const sysfs = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'gpu', 'amdgpu-sysfs');

/** Reads the fixture tree the way the sampler must: "hwmon/X" is X in the first hwmon/hwmon* directory. */
function treeReader(card: number, seen: string[] = []): (relPath: string) => string | undefined {
  const device = join(sysfs, `card${card}`, 'device');
  return (relPath) => {
    seen.push(relPath);
    let path = relPath;
    if (relPath.startsWith('hwmon/')) {
      let dirs: string[];
      try {
        dirs = readdirSync(join(device, 'hwmon')).filter((d) => /^hwmon\d+$/.test(d));
      } catch {
        return undefined;
      }
      const first = dirs.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))[0];
      if (first === undefined) return undefined;
      path = join('hwmon', first, relPath.slice('hwmon/'.length));
    }
    try {
      return readFileSync(join(device, path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

const mapReader =
  (files: Record<string, string>) =>
  (relPath: string): string | undefined =>
    files[relPath];

describe('parseAmdgpuSysfs', () => {
  it('reads a dedicated GPU: m°C, µW (power1_input when no average), Hz, bytes', () => {
    assert.deepEqual(parseAmdgpuSysfs(0, treeReader(0)), {
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
    });
  });

  it('reads only the files it lists', () => {
    const seen: string[] = [];
    parseAmdgpuSysfs(0, treeReader(0, seen));
    for (const path of seen) assert.ok(AMDGPU_SYSFS_FILES.includes(path), `${path} is not listed`);
    assert.ok(AMDGPU_SYSFS_FILES.includes('hwmon/temp1_input'));
  });

  it('returns undefined for a card whose vendor is not AMD, or without a vendor file', () => {
    assert.equal(parseAmdgpuSysfs(1, treeReader(1)), undefined);
    assert.equal(parseAmdgpuSysfs(2, treeReader(2)), undefined);
  });

  it('prefers power1_average and falls back to the current pp_dpm_sclk level; tolerates missing files', () => {
    // A Strix Halo-like APU: 512 MiB carve-out VRAM, the model in GTT, no mem_busy_percent.
    const sample = parseAmdgpuSysfs(
      1,
      mapReader({
        vendor: '0x1002\n',
        gpu_busy_percent: '100\n',
        mem_info_vram_used: '389021696\n',
        mem_info_vram_total: '536870912\n',
        mem_info_gtt_used: '64424509440\n',
        mem_info_gtt_total: '115964116992\n',
        'hwmon/temp1_input': '58000\n',
        'hwmon/power1_average': '88000000\n',
        'hwmon/power1_input': '91000000\n',
        pp_dpm_sclk: '0: 600Mhz \n1: 2880Mhz *\n2: 2900Mhz \n',
        pp_dpm_mclk: 'S: 0Mhz \n0: 1000Mhz \n',
      }),
    );
    assert.deepEqual(sample, {
      index: 1,
      source: 'amdgpu-sysfs',
      utilPercent: 100,
      vramUsedBytes: 389021696,
      vramTotalBytes: 536870912,
      gttUsedBytes: 64424509440,
      gttTotalBytes: 115964116992,
      temperatureC: 58,
      powerWatts: 88,
      smClockMHz: 2880,
    });
  });

  it('leaves unreadable or garbled values undefined', () => {
    const sample = parseAmdgpuSysfs(0, mapReader({ vendor: '0x1002', gpu_busy_percent: 'EBUSY' }));
    assert.deepEqual(sample, { index: 0, source: 'amdgpu-sysfs' });
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HostDiscovery } from '../../../../src/diagnose/host/discover-host.ts';
import { readThermal } from '../../../../src/diagnose/host/thermal.ts';

function discovery(extra: Partial<HostDiscovery> = {}): HostDiscovery {
  return {
    tools: new Set(),
    onlineCpus: [0, 1, 2, 3],
    amdgpuCards: [],
    amdgpuHwmon: new Map(),
    temperatures: [
      { path: '/sys/class/thermal/thermal_zone0/temp', sensor: 'acpitz' },
      { path: '/sys/class/thermal/thermal_zone1/temp', sensor: 'x86_pkg_temp' },
      { path: '/sys/class/hwmon/hwmon2/temp1_input', sensor: 'nvme temp1' },
      { path: '/sys/class/hwmon/hwmon3/temp1_input', sensor: 'bad probe' },
    ],
    cpufreqFiles: new Map([
      [0, '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq'],
      [1, '/sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq'],
      [2, '/sys/devices/system/cpu/cpu2/cpufreq/scaling_cur_freq'],
    ]),
    throttleCountFiles: [
      '/sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count',
      '/sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count',
    ],
    physicalCores: (cpus) => cpus.length,
    ...extra,
  };
}

const files = (entries: Record<string, string>): Map<string, string[]> =>
  new Map(Object.entries(entries).map(([path, text]) => [path, [text]]));

describe('readThermal', () => {
  it('takes the hottest sane sensor, the mean clock of the given CPUs and the sum of throttle counts', () => {
    const reading = readThermal(
      files({
        '/sys/class/thermal/thermal_zone0/temp': '41000',
        '/sys/class/thermal/thermal_zone1/temp': '87500',
        '/sys/class/hwmon/hwmon2/temp1_input': '52850',
        '/sys/class/hwmon/hwmon3/temp1_input': '127000000',
        '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '3600000',
        '/sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq': '2400000',
        '/sys/devices/system/cpu/cpu2/cpufreq/scaling_cur_freq': '800000',
        '/sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count': '17',
        '/sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count': '5',
      }),
      discovery(),
      [0, 1],
    );
    assert.deepEqual(reading, {
      maxTempC: 87.5,
      maxTempSensor: 'x86_pkg_temp',
      cpuMHz: 3000,
      throttleCount: 22,
    });
  });

  it('skips disconnected probes (-273 °C, 0) and unreadable values', () => {
    const reading = readThermal(
      files({
        '/sys/class/thermal/thermal_zone0/temp': '-273000',
        '/sys/class/thermal/thermal_zone1/temp': '0',
        '/sys/class/hwmon/hwmon2/temp1_input': 'N/A',
        '/sys/class/hwmon/hwmon3/temp1_input': '38000',
      }),
      discovery(),
      [3],
    );
    assert.deepEqual(reading, { maxTempC: 38, maxTempSensor: 'bad probe' });
  });

  it('gives nothing when the frame lacks every file (a VM without sensors)', () => {
    assert.deepEqual(readThermal(new Map(), discovery(), [0, 1, 2]), {});
  });
});

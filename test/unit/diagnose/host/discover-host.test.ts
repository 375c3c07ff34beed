import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverHost, parseDiscovery } from '../../../../src/diagnose/host/discover-host.ts';
import { parseCpuList } from '../../../../src/diagnose/host/cpu-list.ts';
import { DISCOVERY_SCRIPT } from '../../../../src/diagnose/host/sampler-scripts.ts';
import { createLocalSession } from '../../../../src/remote/local-session.ts';
import type { ExecResult, RemoteSession } from '../../../../src/remote/session.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'diagnose');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const cpu = (n: number, file: string): string => `/sys/devices/system/cpu/cpu${n}/${file}`;

describe('parseDiscovery', () => {
  it('reads the output recorded on this project machine: 2 CPUs, no sensors, a v1 hybrid cgroup', () => {
    const found = parseDiscovery(fixture('discovery-container.txt'), 6286);
    assert.deepEqual(found.tools, new Set());
    assert.deepEqual(found.onlineCpus, [0, 1]);
    assert.deepEqual(found.amdgpuCards, []);
    assert.deepEqual(found.amdgpuHwmon, new Map());
    assert.deepEqual(found.temperatures, []);
    assert.deepEqual(found.cpufreqFiles, new Map());
    assert.deepEqual(found.throttleCountFiles, []);
    assert.equal(found.physicalCores([0, 1]), 2);
    assert.deepEqual(found.processCpus, [0, 1]);
    assert.equal(found.cpuStatFile, '/sys/fs/cgroup/cpu/cpu.stat');
  });

  it('leaves the process facts out when no pid was given', () => {
    const found = parseDiscovery(fixture('discovery-container.txt'));
    assert.equal('processCpus' in found, false);
    assert.equal('cpuStatFile' in found, false);
  });

  it('reads a workstation with an NVIDIA card, an AMD card, sensors and hyperthreads', () => {
    const found = parseDiscovery(fixture('discovery-workstation.txt'), 31337);
    assert.deepEqual(found.tools, new Set(['nvidia-smi', 'rocm-smi']));
    assert.deepEqual(found.onlineCpus, [0, 1, 2, 3, 4, 5, 6, 7]);
    // card0 is vendor 0x10de (NVIDIA): only card1 is amdgpu, with its hwmon folder.
    assert.deepEqual(found.amdgpuCards, [1]);
    assert.deepEqual(found.amdgpuHwmon, new Map([[1, 'hwmon/hwmon2']]));
    assert.deepEqual(found.temperatures, [
      { path: '/sys/class/thermal/thermal_zone0/temp', sensor: 'acpitz' },
      { path: '/sys/class/thermal/thermal_zone1/temp', sensor: 'x86_pkg_temp' },
      { path: '/sys/class/hwmon/hwmon0/temp1_input', sensor: 'nvme temp1' },
      { path: '/sys/class/hwmon/hwmon1/temp1_input', sensor: 'coretemp temp1' },
      { path: '/sys/class/hwmon/hwmon1/temp2_input', sensor: 'coretemp temp2' },
      { path: '/sys/class/hwmon/hwmon2/temp1_input', sensor: 'amdgpu temp1' },
    ]);
    assert.deepEqual(
      found.cpufreqFiles,
      new Map([0, 1, 2, 3, 4, 5, 6, 7].map((n) => [n, cpu(n, 'cpufreq/scaling_cur_freq')])),
    );
    assert.deepEqual(
      found.throttleCountFiles,
      [0, 1, 2, 3, 4, 5, 6, 7].flatMap((n) => [
        cpu(n, 'thermal_throttle/core_throttle_count'),
        cpu(n, 'thermal_throttle/package_throttle_count'),
      ]),
    );
    assert.deepEqual(found.processCpus, [0, 1, 4, 5]);
    assert.equal(found.cpuStatFile, '/sys/fs/cgroup/system.slice/llama-server.service/cpu.stat');
  });

  it('counts hyperthread siblings once', () => {
    const found = parseDiscovery(fixture('discovery-workstation.txt'), 31337);
    assert.equal(found.physicalCores([0, 1, 2, 3, 4, 5, 6, 7]), 4);
    assert.equal(found.physicalCores([0, 4]), 1);
    assert.equal(found.physicalCores([0, 1, 4, 5]), 2);
    assert.equal(found.physicalCores([0, 1, 2, 3]), 4);
    // A CPU without topology (offline when discovered) counts as a core of its own.
    assert.equal(found.physicalCores([0, 4, 9]), 2);
    assert.equal(found.physicalCores([]), 0);
  });

  it('names a hwmon sensor "hwmon" when its name file was not readable', () => {
    const found = parseDiscovery('file /sys/class/hwmon/hwmon5/temp3_input\n');
    assert.deepEqual(found.temperatures, [
      { path: '/sys/class/hwmon/hwmon5/temp3_input', sensor: 'hwmon temp3' },
    ]);
    assert.deepEqual(found.onlineCpus, []);
  });

  it('sorts amdgpu cards and keeps the first hwmon folder of each', () => {
    const found = parseDiscovery(
      [
        '/sys/class/drm/card2/device/vendor:0x1002',
        '/sys/class/drm/card0/device/vendor:0x1002',
        'file /sys/class/drm/card2/device/hwmon/hwmon7/temp1_input',
        'file /sys/class/drm/card2/device/hwmon/hwmon8/temp1_input',
      ].join('\n'),
    );
    assert.deepEqual(found.amdgpuCards, [0, 2]);
    assert.deepEqual(found.amdgpuHwmon, new Map([[2, 'hwmon/hwmon7']]));
  });
});

function fakeSession(result: ExecResult, calls: string[][]): RemoteSession {
  return {
    host: 'fake',
    exec: async (argv) => {
      calls.push(argv);
      return result;
    },
    stream: () => {
      throw new Error('not used');
    },
    upload: async () => {},
    readFile: async () => undefined,
    close: async () => {},
  };
}

describe('discoverHost', () => {
  it('runs the discovery script with the pid as its argument and parses what it prints', async () => {
    const calls: string[][] = [];
    const session = fakeSession({ code: 0, stdout: fixture('discovery-workstation.txt'), stderr: '' }, calls);
    const found = await discoverHost(session, 31337);
    assert.deepEqual(calls, [['sh', '-c', DISCOVERY_SCRIPT, 'inferload-discover', '31337']]);
    assert.deepEqual(found.processCpus, [0, 1, 4, 5]);
  });

  it('passes an empty pid when none is known', async () => {
    const calls: string[][] = [];
    await discoverHost(fakeSession({ code: 0, stdout: '', stderr: '' }, calls));
    assert.equal(calls[0]?.[4], '');
  });

  it('fails with the exit code and stderr', async () => {
    const session = fakeSession({ code: 127, stdout: '', stderr: 'sh: not found\n' }, []);
    await assert.rejects(discoverHost(session), /host discovery failed \(exit 127\): sh: not found$/);
  });

  it(
    'discovers this machine through a local session',
    { skip: !existsSync('/proc/self/status') },
    async () => {
      const session = createLocalSession();
      try {
        const found = await discoverHost(session, process.pid);
        const online = parseCpuList(readFileSync('/sys/devices/system/cpu/online', 'utf8'));
        assert.deepEqual(found.onlineCpus, online);
        const allowed =
          /^Cpus_allowed_list:\s+(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
        assert.deepEqual(found.processCpus, parseCpuList(allowed));
        assert.match(found.cpuStatFile ?? '', /^\/sys\/fs\/cgroup\/.*cpu\.stat$/);
      } finally {
        await session.close();
      }
    },
  );
});

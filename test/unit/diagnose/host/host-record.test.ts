import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDiscovery } from '../../../../src/diagnose/host/discover-host.ts';
import { HostFrameReader, type HostFrame } from '../../../../src/diagnose/host/host-frame.ts';
import { computeHostRecord, hostFiles, type HostSubject } from '../../../../src/diagnose/host/host-record.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'diagnose');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const KIB = 1024;

describe('hostFiles', () => {
  it('lists /proc, the process, its cgroup, the sensors, the subject CPUs clocks and the throttle counts', () => {
    const discovery = parseDiscovery(fixture('discovery-workstation.txt'), 31337);
    const subject: HostSubject = {
      cpus: [0, 5],
      pid: 31337,
      cpuStatFile: discovery.cpuStatFile as string,
    };
    const files = hostFiles(subject, discovery);
    assert.deepEqual(files.slice(0, 8), [
      '/proc/uptime',
      '/proc/stat',
      '/proc/meminfo',
      '/proc/vmstat',
      '/proc/loadavg',
      '/proc/31337/stat',
      '/proc/31337/status',
      '/sys/fs/cgroup/system.slice/llama-server.service/cpu.stat',
    ]);
    assert.deepEqual(
      files.slice(8, 14),
      discovery.temperatures.map((t) => t.path),
    );
    assert.deepEqual(files.slice(14, 16), [
      '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq',
      '/sys/devices/system/cpu/cpu5/cpufreq/scaling_cur_freq',
    ]);
    assert.deepEqual(files.slice(16), discovery.throttleCountFiles);
    assert.equal(files.length, 32);
  });

  it('reads only /proc for a subject without a pid or cgroup', () => {
    const discovery = parseDiscovery(fixture('discovery-container.txt'));
    assert.deepEqual(hostFiles({ cpus: [0, 1] }, discovery), [
      '/proc/uptime',
      '/proc/stat',
      '/proc/meminfo',
      '/proc/vmstat',
      '/proc/loadavg',
    ]);
  });
});

describe('computeHostRecord from two frames recorded on this project machine', () => {
  it('gives the busy cores, the process at 75 ticks over 1.01 s, memory and the (empty) CFS figures', () => {
    const discovery = parseDiscovery(fixture('discovery-container.txt'), 6286);
    // The frames sampled a `yes` process (pid 10257) in the same cgroup.
    const subject: HostSubject = {
      cpus: [0, 1],
      physicalCores: discovery.physicalCores([0, 1]),
      pid: 10257,
      cpuStatFile: discovery.cpuStatFile as string,
    };
    const reader = new HostFrameReader(hostFiles(subject, discovery));
    const frames = reader.push(fixture('sampler-frames-container.txt'));
    assert.equal(frames.length, 2);
    const [before, after] = frames.map((f, i) => ({ ...f, t: 1000 * i, ts: 1_800_000_000_000 + 1000 * i }));
    const record = computeHostRecord(before as HostFrame, after as HostFrame, subject, discovery);
    assert.deepEqual(record, {
      source: 'host',
      t: 1000,
      ts: 1_800_000_001_000,
      cpus: [0, 1],
      busy: [100, 100],
      onlineCpus: 2,
      physicalCores: 2,
      load1: 3.98,
      runQueue: 5,
      memory: {
        totalBytes: 24683584 * KIB,
        availableBytes: 24229164 * KIB,
        swapTotalBytes: 0,
        swapUsedBytes: 0,
        swapInPerSec: 0,
        swapOutPerSec: 0,
      },
      // utime+stime 161 -> 236 ticks between uptimes 2021.37 and 2022.38: 75 / 100 / 1.01 s.
      process: { pid: 10257, cpuPercent: 74.26, rssBytes: 1704 * KIB, threads: 1 },
      throttle: { periods: 0, throttledPeriods: 0, throttledMsPerSec: 0 },
    });
  });
});

type Files = Record<string, string[]>;
const frame = (files: Files, t: number): HostFrame => ({
  files: new Map(Object.entries(files)),
  t,
  ts: 1_800_000_000_000 + t,
});

const discovery = parseDiscovery(fixture('discovery-workstation.txt'), 31337);
const subject: HostSubject = {
  cpus: [0, 1, 4, 5],
  physicalCores: discovery.physicalCores([0, 1, 4, 5]),
  pid: 31337,
  cpuStatFile: '/sys/fs/cgroup/system.slice/llama-server.service/cpu.stat',
};
const freq = (n: number): string => `/sys/devices/system/cpu/cpu${n}/cpufreq/scaling_cur_freq`;
const core = (n: number): string => `/sys/devices/system/cpu/cpu${n}/thermal_throttle/core_throttle_count`;
const pkg = (n: number): string => `/sys/devices/system/cpu/cpu${n}/thermal_throttle/package_throttle_count`;
const pidStat = (utime: number, stime: number): string =>
  `31337 (llama-server) S 1 31337 31337 0 -1 4194560 9 0 0 0 ${utime} ${stime} 0 0 20 0 17 0 9001 1 1`;

const BEFORE: Files = {
  '/proc/uptime': ['1000.00 3000.00'],
  '/proc/stat': [
    'cpu  0 0 0 0 0 0 0 0 0 0',
    'cpu0 800 0 200 3900 100 0 0 0 0 0',
    'cpu1 800 0 200 3900 100 0 0 0 0 0',
    'cpu4 800 0 200 3900 100 0 0 0 0 0',
    'cpu5 800 0 200 3900 100 0 0 0 0 0',
    'procs_running 2',
  ],
  '/proc/meminfo': ['MemTotal:       32000000 kB', 'MemAvailable:   9000000 kB'],
  '/proc/vmstat': ['pswpin 100', 'pswpout 1000'],
  '/proc/loadavg': ['1.00 1.00 1.00 2/800 4000'],
  '/proc/31337/stat': [pidStat(1000, 200)],
  '/proc/31337/status': ['VmRSS:\t 1000 kB'],
  [subject.cpuStatFile as string]: ['nr_periods 1000', 'nr_throttled 100', 'throttled_usec 5000000'],
  '/sys/class/thermal/thermal_zone1/temp': ['60000'],
  [core(0)]: ['4'],
  [pkg(0)]: ['6'],
  [core(4)]: ['0'],
};

const AFTER: Files = {
  '/proc/uptime': ['1002.00 3007.00'],
  '/proc/stat': [
    'cpu  0 0 0 0 0 0 0 0 0 0',
    // user nice system idle iowait irq softirq steal guest guest_nice; guest is already in user.
    'cpu0 920 0 230 3940 110 0 0 0 50 0', // +150 busy of +200: 75%
    'cpu1 810 0 210 4070 110 0 0 0 0 0', // +20 of +200: 10%
    'cpu2 1 0 0 1 0 0 0 0 0 0',
    'cpu3 1 0 0 1 0 0 0 0 0 0',
    'cpu4 900 10 250 3900 100 20 10 10 0 0', // +200 of +200: 100%
    'cpu5 801 0 200 4199 100 0 0 0 0 0', // +1 of +300: 0.33%
    'cpu6 1 0 0 1 0 0 0 0 0 0',
    'cpu7 1 0 0 1 0 0 0 0 0 0',
    'procs_running 9',
  ],
  '/proc/meminfo': [
    'MemTotal:       32000000 kB',
    'MemFree:         1000000 kB',
    'MemAvailable:    2000000 kB',
    'SwapTotal:       8000000 kB',
    'SwapFree:        6000000 kB',
  ],
  '/proc/vmstat': ['pswpin 110', 'pswpout 1501'],
  '/proc/loadavg': ['7.52 6.10 5.00 9/812 4242'],
  '/proc/31337/stat': [pidStat(1250, 350)],
  '/proc/31337/status': ['Name:\tllama-server', 'VmRSS:\t 4194304 kB', 'Threads:\t17'],
  [subject.cpuStatFile as string]: [
    'usage_usec 99',
    'nr_periods 1200',
    'nr_throttled 160',
    'throttled_usec 5900000',
  ],
  '/sys/class/thermal/thermal_zone0/temp': ['41000'],
  '/sys/class/thermal/thermal_zone1/temp': ['91000'],
  '/sys/class/hwmon/hwmon1/temp1_input': ['89000'],
  '/sys/class/hwmon/hwmon2/temp1_input': ['76000'],
  [freq(0)]: ['3000000'],
  [freq(1)]: ['3200000'],
  [freq(2)]: ['800000'],
  [freq(4)]: ['2800000'],
  [freq(5)]: ['3000000'],
  [core(0)]: ['14'],
  [pkg(0)]: ['12'],
  [core(4)]: ['4'],
};

describe('computeHostRecord on synthetic frames 2 s apart', () => {
  const record = computeHostRecord(frame(BEFORE, 5000), frame(AFTER, 7000), subject, discovery);

  it('gives busy % per subject CPU, all online CPUs, physical cores, load and run queue', () => {
    assert.equal(record?.t, 7000);
    assert.equal(record?.ts, 1_800_000_007_000);
    assert.deepEqual(record?.cpus, [0, 1, 4, 5]);
    assert.deepEqual(record?.busy, [75, 10, 100, 0.33]);
    assert.equal(record?.onlineCpus, 8);
    assert.equal(record?.physicalCores, 2);
    assert.equal(record?.load1, 7.52);
    assert.equal(record?.runQueue, 9);
  });

  it('gives memory from the later frame and swap rates per second', () => {
    assert.deepEqual(record?.memory, {
      totalBytes: 32000000 * KIB,
      availableBytes: 2000000 * KIB,
      swapTotalBytes: 8000000 * KIB,
      swapUsedBytes: 2000000 * KIB,
      swapInPerSec: 5,
      swapOutPerSec: 250.5,
    });
  });

  it('gives the process CPU in % of one core: 400 ticks at 100/s over 2 s is 200%', () => {
    assert.deepEqual(record?.process, {
      pid: 31337,
      cpuPercent: 200,
      rssBytes: 4194304 * KIB,
      threads: 17,
    });
  });

  it('gives CFS throttling over the interval: 60 of 200 periods, 900 ms in 2 s', () => {
    assert.deepEqual(record?.throttle, { periods: 200, throttledPeriods: 60, throttledMsPerSec: 450 });
  });

  it('gives the hottest sensor, the mean clock of the subject CPUs and throttle events per second', () => {
    // Counts 4+6 = 10 before, 14+12+4 = 30 after: 20 events in 2 s.
    assert.deepEqual(record?.thermal, {
      maxTempC: 91,
      maxTempSensor: 'x86_pkg_temp',
      cpuMHz: 3000,
      throttleEventsPerSec: 10,
    });
  });
});

describe('computeHostRecord edge cases', () => {
  it('is undefined when the host clock did not move (or /proc/uptime is missing)', () => {
    assert.equal(computeHostRecord(frame(BEFORE, 0), frame(BEFORE, 1000), subject, discovery), undefined);
    assert.equal(computeHostRecord(frame({}, 0), frame(AFTER, 1000), subject, discovery), undefined);
  });

  it('drops a CPU that went offline, and leaves out what a frame lacks', () => {
    const before = frame(
      {
        '/proc/uptime': ['10.00 0'],
        '/proc/stat': ['cpu0 0 0 0 100 0 0 0 0 0 0', 'cpu1 0 0 0 100 0 0 0 0 0 0'],
      },
      0,
    );
    const after = frame({ '/proc/uptime': ['11.00 0'], '/proc/stat': ['cpu0 50 0 0 150 0 0 0 0 0 0'] }, 1000);
    const record = computeHostRecord(
      before,
      after,
      { cpus: [0, 1], pid: 7, cpuStatFile: '/x/cpu.stat' },
      discovery,
    );
    assert.deepEqual(record, {
      source: 'host',
      t: 1000,
      ts: 1_800_000_001_000,
      cpus: [0],
      busy: [50],
      onlineCpus: 1,
    });
  });

  it('reports 0 RSS when the status file was not read, and no swap rates without /proc/vmstat', () => {
    const before = frame({ ...BEFORE, '/proc/vmstat': [] }, 0);
    const after = frame({ ...AFTER, '/proc/31337/status': [], '/proc/vmstat': [] }, 1000);
    const record = computeHostRecord(before, after, subject, discovery);
    assert.equal(record?.process?.rssBytes, 0);
    assert.equal(record?.process?.threads, 17);
    assert.equal(record?.memory?.swapInPerSec, undefined);
    assert.equal(record?.memory?.swapOutPerSec, undefined);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuStatPath, parseCpuStat } from '../../../../src/diagnose/host/cgroup-cpu.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'diagnose');

describe('cpuStatPath', () => {
  it('finds the v1 cpu controller in the hybrid lines recorded on this project machine', () => {
    const lines = readFileSync(join(fixtures, 'discovery-container.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('/proc/6286/cgroup:'))
      .map((l) => l.slice('/proc/6286/cgroup:'.length));
    assert.equal(lines.length, 10);
    assert.equal(cpuStatPath(lines), '/sys/fs/cgroup/cpu/cpu.stat');
  });

  it('uses the co-mounted cpu,cpuacct folder of a v1 docker/podman container', () => {
    const lines = [
      '12:pids:/docker/abc',
      '5:cpu,cpuacct:/docker/abc',
      '4:cpuset:/docker/abc',
      '1:name=systemd:/docker/abc',
      '0::/system.slice/docker-abc.scope',
    ];
    assert.equal(cpuStatPath(lines), '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.stat');
  });

  it('does not take cpuacct or cpuset for cpu', () => {
    const lines = ['3:cpuset:/a', '2:cpuacct:/b', '0::/user.slice/session-1.scope'];
    assert.equal(cpuStatPath(lines), '/sys/fs/cgroup/user.slice/session-1.scope/cpu.stat');
  });

  it('reads a pure v2 "0::" line, a file read with its trailing newline and the root cgroup', () => {
    const service = '0::/system.slice/llama.service';
    assert.equal(cpuStatPath([service]), '/sys/fs/cgroup/system.slice/llama.service/cpu.stat');
    assert.equal(cpuStatPath([service, '']), '/sys/fs/cgroup/system.slice/llama.service/cpu.stat');
    // A hybrid host whose cpu controller is on the unified tree, mounted under /sys/fs/cgroup/unified.
    const hybrid = ['5:memory:/x', service];
    assert.equal(
      cpuStatPath(hybrid, '/sys/fs/cgroup/unified'),
      '/sys/fs/cgroup/unified/system.slice/llama.service/cpu.stat',
    );
    assert.equal(cpuStatPath(['0::/']), '/sys/fs/cgroup/cpu.stat');
  });

  it('uses the root folder of a v1 cpu controller at "/"', () => {
    assert.equal(cpuStatPath(['2:cpu,cpuacct:/', '1:name=systemd:/']), '/sys/fs/cgroup/cpu,cpuacct/cpu.stat');
  });

  it('is undefined when nothing names a cgroup', () => {
    assert.equal(cpuStatPath([]), undefined);
    assert.equal(cpuStatPath(['garbage', '3:cpuset:/a']), undefined);
  });
});

describe('parseCpuStat', () => {
  it('reads v2 throttled_usec as ms', () => {
    const stat = parseCpuStat([
      'usage_usec 8123456',
      'user_usec 6000000',
      'system_usec 2123456',
      'nr_periods 1200',
      'nr_throttled 300',
      'throttled_usec 4567890',
      'nr_bursts 0',
      'burst_usec 0',
    ]);
    assert.deepEqual(stat, { periods: 1200, throttledPeriods: 300, throttledMs: 4567.89 });
  });

  it('reads v1 throttled_time (ns) as ms', () => {
    const stat = parseCpuStat(['nr_periods 50', 'nr_throttled 5', 'throttled_time 2500000000']);
    assert.deepEqual(stat, { periods: 50, throttledPeriods: 5, throttledMs: 2500 });
  });

  it('reads the recorded v1 cpu.stat of a cgroup without a quota as zeros', () => {
    const stat = parseCpuStat([
      'nr_periods 0',
      'nr_throttled 0',
      'throttled_time 0',
      'nr_bursts 0',
      'burst_time 0',
    ]);
    assert.deepEqual(stat, { periods: 0, throttledPeriods: 0, throttledMs: 0 });
  });

  it('is undefined without the CFS fields (the cpu controller not enabled)', () => {
    assert.equal(parseCpuStat(['usage_usec 8123456', 'user_usec 6000000']), undefined);
    assert.equal(parseCpuStat([]), undefined);
  });
});

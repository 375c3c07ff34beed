import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { busyPercent, parseProcStat } from '../../../../src/diagnose/host/proc-stat.ts';

describe('parseProcStat', () => {
  it('reads each cpuN line, skips the aggregate line and excludes guest time', () => {
    const stat = parseProcStat([
      'cpu  300 20 100 1000 50 5 5 0 40 10',
      //     user nice system idle iowait irq softirq steal guest guest_nice
      'cpu0 100 10 50 400 20 2 3 1 40 10',
      'cpu1 200 10 50 600 30 3 2 0 0 0',
      'intr 6339221 0 0 0',
      'ctxt 13350857',
      'procs_running 6',
      'procs_blocked 0',
    ]);
    assert.deepEqual([...stat.cpus.keys()], [0, 1]);
    // busy = user + nice + system + irq + softirq + steal; idle and iowait are not busy.
    assert.deepEqual(stat.cpus.get(0), { busy: 166, total: 586 });
    assert.deepEqual(stat.cpus.get(1), { busy: 265, total: 895 });
    assert.equal(stat.procsRunning, 6);
  });

  it('leaves an offline CPU out and procsRunning unset when absent', () => {
    const stat = parseProcStat(['cpu0 1 0 1 10 0 0 0 0 0 0', 'cpu2 2 0 2 20 0 0 0 0 0 0']);
    assert.deepEqual([...stat.cpus.keys()], [0, 2]);
    assert.equal(stat.cpus.has(1), false);
    assert.equal('procsRunning' in stat, false);
  });

  it('reads short lines of old kernels (no steal) as zeros', () => {
    const stat = parseProcStat(['cpu0 10 0 5 100 5 0 0']);
    assert.deepEqual(stat.cpus.get(0), { busy: 15, total: 120 });
  });
});

describe('busyPercent', () => {
  it('is the busy share of the jiffies that passed', () => {
    assert.equal(busyPercent({ busy: 100, total: 1000 }, { busy: 130, total: 1100 }), 30);
  });

  it('stays within 0-100', () => {
    assert.equal(busyPercent({ busy: 100, total: 1000 }, { busy: 250, total: 1100 }), 100);
    assert.equal(busyPercent({ busy: 100, total: 1000 }, { busy: 90, total: 1100 }), 0);
  });

  it('is undefined when no time passed or a reading is missing', () => {
    assert.equal(busyPercent({ busy: 1, total: 10 }, { busy: 1, total: 10 }), undefined);
    assert.equal(busyPercent(undefined, { busy: 1, total: 10 }), undefined);
    assert.equal(busyPercent({ busy: 1, total: 10 }, undefined), undefined);
  });
});

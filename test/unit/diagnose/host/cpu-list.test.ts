import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpuList } from '../../../../src/diagnose/host/cpu-list.ts';

describe('parseCpuList', () => {
  it('expands ranges and single CPUs, ascending and unique', () => {
    assert.deepEqual(parseCpuList('0-3,8,10-11'), [0, 1, 2, 3, 8, 10, 11]);
    assert.deepEqual(parseCpuList('8,0-2,1'), [0, 1, 2, 8]);
  });

  it('reads a sysfs file as it comes, with its newline, and a one-CPU range', () => {
    assert.deepEqual(parseCpuList('0-1\n'), [0, 1]);
    assert.deepEqual(parseCpuList(' 5-5 '), [5]);
  });

  it('gives no CPUs for an empty list (an empty cpuset)', () => {
    assert.deepEqual(parseCpuList(''), []);
    assert.deepEqual(parseCpuList('\n'), []);
  });

  it('rejects what is not a CPU list, naming the text', () => {
    assert.throws(() => parseCpuList('0-3,a'), /not a CPU list: '0-3,a' \(expected e\.g\. 0-3,8\)/);
    assert.throws(() => parseCpuList('0-3,'), /not a CPU list/);
    assert.throws(() => parseCpuList('0x3'), /not a CPU list/);
  });

  it('rejects a range that runs backwards', () => {
    assert.throws(() => parseCpuList('0,7-4'), /range 7-4 runs backwards/);
  });
});

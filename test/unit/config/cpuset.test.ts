import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkCpuset,
  checkCpusetOnline,
  countCpus,
  formatCpuset,
  parseCpuset,
} from '../../../src/config/cpuset.ts';

describe('parseCpuset', () => {
  it('reads single CPUs and ranges, sorted and without repeats', () => {
    assert.deepEqual(parseCpuset('0-3,8,10-11'), [0, 1, 2, 3, 8, 10, 11]);
    assert.deepEqual(parseCpuset(' 5, 1-2 ,2 '), [1, 2, 5]);
    assert.deepEqual(parseCpuset('7\n'), [7]);
  });

  it('says what is wrong', () => {
    assert.match(checkCpuset('') ?? '', /empty/);
    assert.match(checkCpuset('3-1') ?? '', /backwards/);
    assert.match(checkCpuset('0-3,,4') ?? '', /'' is not/);
    assert.match(checkCpuset('a-b') ?? '', /'a-b' is not/);
    assert.match(checkCpuset('-1') ?? '', /is not/);
    assert.match(checkCpuset('0-99999') ?? '', /above/);
    assert.equal(checkCpuset('0-15'), undefined);
  });

  it('counts CPUs', () => {
    assert.equal(countCpus('0-15'), 16);
    assert.equal(countCpus('0-3,8-11'), 8);
  });
});

describe('formatCpuset', () => {
  it('writes the shortest list', () => {
    assert.equal(formatCpuset([3, 0, 1, 2, 8, 10, 11]), '0-3,8,10-11');
    assert.equal(formatCpuset([5]), '5');
    assert.equal(formatCpuset([]), '');
  });

  it('round-trips with parseCpuset', () => {
    for (const text of ['0', '0-7', '0,2,4', '1-2,4-5,9'])
      assert.equal(formatCpuset(parseCpuset(text)), text);
  });
});

describe('checkCpusetOnline', () => {
  it('names the CPUs the host lacks and the ones it has', () => {
    assert.equal(
      checkCpusetOnline('0-999', [0, 1], 'local'),
      'cpuset 0-999 names CPUs 2-999, which host local does not have (its online CPUs: 0-1)',
    );
    assert.equal(
      checkCpusetOnline('1,3', [0, 1, 2], 'gpu-box'),
      'cpuset 1,3 names CPU 3, which host gpu-box does not have (its online CPUs: 0-2)',
    );
  });

  it('accepts CPUs the host has, offline gaps included in what it reports', () => {
    assert.equal(checkCpusetOnline('1', [0, 1], 'local'), undefined);
    assert.equal(checkCpusetOnline('0,2', [0, 2, 3], 'box'), undefined);
    assert.match(checkCpusetOnline('1', [0, 2, 3], 'box') ?? '', /CPU 1, .*online CPUs: 0,2-3/);
  });
});

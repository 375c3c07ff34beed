import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseMeminfo, parseSwapCounters } from '../../../../src/diagnose/host/meminfo.ts';

describe('parseMeminfo', () => {
  it('reads kB values as bytes, keys with parentheses, and unitless counts as they are', () => {
    const mem = parseMeminfo([
      'MemTotal:       24683584 kB',
      'MemAvailable:   23854072 kB',
      'Active(anon):       1684 kB',
      'SwapTotal:       2097148 kB',
      'SwapFree:        1048576 kB',
      'HugePages_Total:       4',
      'not a line',
    ]);
    assert.equal(mem.get('MemTotal'), 24683584 * 1024);
    assert.equal(mem.get('MemAvailable'), 23854072 * 1024);
    assert.equal(mem.get('Active(anon)'), 1684 * 1024);
    assert.equal(mem.get('SwapFree'), 1048576 * 1024);
    assert.equal(mem.get('HugePages_Total'), 4);
    assert.equal(mem.size, 6);
  });
});

describe('parseSwapCounters', () => {
  it('picks pswpin and pswpout out of /proc/vmstat', () => {
    assert.deepEqual(parseSwapCounters(['nr_free_pages 917350', 'pswpin 12', 'pswpout 3400', 'pgfault 99']), {
      pswpin: 12,
      pswpout: 3400,
    });
  });

  it('gives nothing when the kernel has no swap counters', () => {
    assert.deepEqual(parseSwapCounters(['nr_free_pages 917350']), {});
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllowedCpus, parsePidStat, parseRssBytes } from '../../../../src/diagnose/host/process-stat.ts';

// Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
// cutime cstime priority nice num_threads ...
const tail = 'R 1 1 1 0 -1 4194304 97 0 0 0 41 120 7 9 20 0 12 0 201815 2990080 380';

describe('parsePidStat', () => {
  it('reads utime + stime and num_threads after a plain name', () => {
    assert.deepEqual(parsePidStat(`10257 (yes) ${tail}`), { ticks: 161, threads: 12 });
  });

  it('counts fields from the last ")" when the name holds spaces and parentheses', () => {
    assert.deepEqual(parsePidStat(`4242 (llama server (main) x) ${tail}`), { ticks: 161, threads: 12 });
    assert.deepEqual(parsePidStat(`4242 () R) ) ${tail}`), { ticks: 161, threads: 12 });
  });

  it('is undefined for a line without a name or without the CPU fields', () => {
    assert.equal(parsePidStat('4242 yes R 1 1'), undefined);
    assert.equal(parsePidStat('4242 (yes) R 1 1 1'), undefined);
  });

  it('leaves threads out when the line stops before num_threads', () => {
    assert.deepEqual(parsePidStat('1 (a) R 1 1 1 0 -1 0 0 0 0 0 5 6'), { ticks: 11 });
  });
});

describe('parseRssBytes', () => {
  it('reads VmRSS in bytes', () => {
    assert.equal(parseRssBytes(['Name:\tyes', 'VmRSS:\t    1704 kB', 'Threads:\t1']), 1704 * 1024);
  });

  it('is undefined for a kernel thread (no VmRSS)', () => {
    assert.equal(parseRssBytes(['Name:\tkthreadd', 'Threads:\t1']), undefined);
  });
});

describe('parseAllowedCpus', () => {
  it('reads Cpus_allowed_list, not Cpus_allowed', () => {
    assert.equal(parseAllowedCpus(['Cpus_allowed:\tff', 'Cpus_allowed_list:\t0-3,8']), '0-3,8');
  });

  it('is undefined without it', () => {
    assert.equal(parseAllowedCpus(['Cpus_allowed:\tff']), undefined);
  });
});

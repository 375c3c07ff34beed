import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { containerStats, parseByteSize, parsePodmanStats } from '../../../src/podman/container-stats.ts';
import type { CommandRunner } from '../../../src/process/command-runner.ts';

describe('parsePodmanStats', () => {
  it('turns the recorded human strings into numbers', () => {
    // Recorded from podman 4.3.1 while llama-server generated 64 tokens.
    const text = readFileSync(new URL('fixtures/stats.json', import.meta.url), 'utf8');
    assert.deepEqual(parsePodmanStats(text), {
      cpuPercent: 63.68,
      cpuTimeMs: 342.623466,
      memUsageBytes: 109_000_000,
      memLimitBytes: 25_280_000_000,
      memPercent: 0.43,
      pids: 11,
    });
  });

  it('leaves out what podman could not measure', () => {
    const text =
      '[{"cpu_percent":"--","mem_usage":"-- / --","mem_percent":"--","pids":"--","cpu_time":"--"}]';
    assert.deepEqual(parsePodmanStats(text), {
      cpuPercent: undefined,
      cpuTimeMs: undefined,
      memUsageBytes: undefined,
      memLimitBytes: undefined,
      memPercent: undefined,
      pids: undefined,
    });
  });
});

describe('parseByteSize', () => {
  it('reads decimal and binary units', () => {
    assert.equal(parseByteSize('0B'), 0);
    assert.equal(parseByteSize('1.5kB'), 1500);
    assert.equal(parseByteSize(' 110.8MB '), 110_800_000);
    assert.equal(parseByteSize('2GiB'), 2 * 2 ** 30);
    assert.equal(parseByteSize('12 parsecs'), undefined);
    assert.equal(parseByteSize(undefined), undefined);
  });
});

describe('containerStats', () => {
  it('asks for one JSON sample and returns undefined for a missing container', async () => {
    const calls: string[][] = [];
    const runner: CommandRunner = {
      exec: async (argv) => {
        calls.push(argv);
        return {
          code: 125,
          stdout: '',
          stderr: 'Error: no container with name or ID "x" found: no such container\n',
        };
      },
    };
    assert.equal(await containerStats(runner, 'x'), undefined);
    assert.deepEqual(calls, [['podman', 'stats', '--no-stream', '--format', 'json', 'x']]);
  });
});

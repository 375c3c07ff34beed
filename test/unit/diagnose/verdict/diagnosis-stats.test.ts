import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats, mean, round, selectLoaded } from '../../../../src/diagnose/verdict/diagnosis-stats.ts';
import { percentile } from '../../../../src/util/percentile.ts';
import { client, gpu, host, memory, note, server } from './records.ts';

const GIB = 1024 ** 3;

describe('selectLoaded', () => {
  it('keeps the span from the first to the last server sample with work, and every note', () => {
    const records = [
      server(0, { processing: 0, busySlots: 0, totalSlots: 4 }),
      host(0, [100, 100]),
      client(500, 99),
      note(600, 'info', 'host', 'sampling CPUs 0,1 of 2'),
      server(1000, { processing: 2 }),
      host(1000, [50, 50]),
      client(3000, 40),
      // busySlots alone marks the server as loaded (Ollama-less llama.cpp without /metrics).
      server(5000, { busySlots: 1, totalSlots: 4 }),
      host(5000, [60, 40]),
      server(6000, { processing: 0, busySlots: 0, totalSlots: 4 }),
      host(6000, [0, 0]),
      note(9000, 'warn', 'server', '/slots answered 501: not sampled'),
    ];
    const loaded = selectLoaded(records);
    assert.deepEqual(loaded.window, { from: 1000, to: 5000 });
    assert.deepEqual(
      loaded.host.map((r) => r.t),
      [1000, 5000],
    );
    assert.deepEqual(
      loaded.server.map((r) => r.t),
      [1000, 5000],
    );
    assert.deepEqual(
      loaded.client.map((r) => r.t),
      [3000],
    );
    assert.deepEqual(
      loaded.notes.map((r) => r.t),
      [600, 9000],
    );
    assert.deepEqual(loaded.gpu, []);
  });

  it('keeps everything when the server never said it had work (no server telemetry)', () => {
    const records = [host(0, [10]), host(1000, [20]), client(2000, 5), server(3000, { totalSlots: 2 })];
    const loaded = selectLoaded(records);
    assert.deepEqual(loaded.window, { from: 0, to: 0 });
    assert.equal(loaded.host.length, 2);
    assert.equal(loaded.client.length, 1);
    assert.equal(loaded.server.length, 1);
  });
});

describe('computeStats', () => {
  const records = [
    server(0, { processing: 0, busySlots: 0, totalSlots: 4, deferred: 0 }),
    host(0, [0, 0, 0]),
    server(1000, { processing: 4, busySlots: 4, totalSlots: 4, deferred: 2 }),
    host(1000, [90, 10, 50], {
      process: { pid: 7, cpuPercent: 150, rssBytes: 1 },
      memory: memory(0, { totalBytes: 10 * GIB, availableBytes: 4 * GIB, swapUsedBytes: 10 }),
    }),
    client(1000, 10),
    gpu(1500, [{ utilPercent: 80 }, { utilPercent: 90 }]),
    server(2000, { processing: 4, busySlots: 4, totalSlots: 4, deferred: 3 }),
    host(2000, [100, 20, 40], {
      process: { pid: 7, cpuPercent: 170, rssBytes: 1 },
      memory: memory(0, { totalBytes: 10 * GIB, availableBytes: 3 * GIB, swapUsedBytes: 30 }),
    }),
    client(2000, 20),
    gpu(2500, [{ utilPercent: 100 }, {}]),
    server(3000, { processing: 3, busySlots: 3, totalSlots: 4, deferred: 0 }),
    host(3000, [80, 0, 60], {
      process: { pid: 7, cpuPercent: 160, rssBytes: 1 },
      memory: memory(0, { totalBytes: 10 * GIB, availableBytes: 3.5 * GIB, swapUsedBytes: 20 }),
    }),
    client(3000, 30),
    server(4000, { processing: 2, busySlots: 2, totalSlots: 4, deferred: 1 }),
    client(4000, 40),
    server(6000, { processing: 0, busySlots: 0, totalSlots: 4, deferred: 0 }),
    host(6000, [0, 0, 0]),
    client(6000, 100),
  ];

  it('gives the figures of the loaded window', () => {
    assert.deepEqual(computeStats(selectLoaded(records)), {
      samples: 7,
      loadedSeconds: 3,
      cpus: [0, 1, 2],
      meanBusyPerCore: [90, 10, 50],
      peakCoreBusy: 100,
      peakCore: 0,
      meanCpuBusy: 50,
      processCpuPercent: 160,
      // GPU samples without a utilisation do not count.
      meanGpuUtil: 90,
      memoryHighWaterBytes: 7 * GIB,
      memoryTotalBytes: 10 * GIB,
      swapUsedMaxBytes: 30,
      slotsFullShare: 0.5,
      meanBusySlots: 3.3,
      totalSlots: 4,
      meanDeferred: 1.5,
      maxDeferred: 3,
      // p90 of 10, 20, 30, 40 by linear interpolation.
      clientCpuP90: 37,
    });
  });

  it('gives only the counts when nothing was sampled', () => {
    assert.deepEqual(computeStats(selectLoaded([])), {
      samples: 0,
      loadedSeconds: 0,
      cpus: [],
      meanBusyPerCore: [],
    });
  });

  it('averages each core by its CPU number when the cpuset changes order between samples', () => {
    const stats = computeStats(
      selectLoaded([host(0, [10, 30], { cpus: [4, 5] }), host(1000, [50, 20], { cpus: [5, 4] })]),
    );
    assert.deepEqual(stats.cpus, [5, 4]);
    assert.deepEqual(stats.meanBusyPerCore, [40, 15]);
    assert.equal(stats.peakCoreBusy, 50);
    assert.equal(stats.peakCore, 5);
  });
});

describe('mean, percentile and round', () => {
  it('computes like k6', () => {
    assert.equal(mean([1, 2, 6]), 3);
    assert.equal(mean([]), undefined);
    assert.equal(percentile([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 90), 9.1);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([1, 2], 0), 1);
    assert.equal(percentile([1, 2], 100), 2);
    assert.equal(percentile([], 50), undefined);
    assert.equal(round(3.25), 3.3);
    assert.equal(round(92.449), 92.4);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnosticsRecord, HostRecord } from '../../../../src/diagnose/diagnostics-record.ts';
import type { GpuSample } from '../../../../src/diagnose/gpu/gpu-sample.ts';
import { computeVerdict } from '../../../../src/diagnose/verdict/compute-verdict.ts';
import { client, gpu, host, memory, note, server } from './records.ts';

interface Shape {
  /** Busy % per core, every sample. */
  cores?: number[];
  /** Per-sample overrides of the host record (index = sample). */
  hostAt?: (i: number) => Partial<HostRecord>;
  gpuUtil?: number;
  gpuAt?: (i: number) => Partial<GpuSample>;
  slots?: { busy: number; total: number };
  deferred?: number[];
  clientCpu?: number;
}

const SAMPLES = 5;

/** A loaded run of 5 samples a second apart, quiet unless the shape says otherwise. */
function run(shape: Shape = {}): DiagnosticsRecord[] {
  const records: DiagnosticsRecord[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = 1000 * (i + 1);
    const slots = shape.slots ?? { busy: 2, total: 4 };
    records.push(
      server(t, {
        processing: slots.busy,
        busySlots: slots.busy,
        totalSlots: slots.total,
        deferred: shape.deferred?.[i] ?? 0,
      }),
      host(t, shape.cores ?? [20, 20, 20, 20], { memory: memory(0.5), ...shape.hostAt?.(i) }),
      client(t, shape.clientCpu ?? 20),
    );
    if (shape.gpuUtil !== undefined || shape.gpuAt)
      records.push(gpu(t, [{ utilPercent: shape.gpuUtil ?? 50, ...shape.gpuAt?.(i) }]));
  }
  return records;
}

const kinds = (d: ReturnType<typeof computeVerdict>): string[] => d.findings.map((f) => f.kind);

describe('computeVerdict: one rule at a time', () => {
  it('client-bound: the load generator at or above 85% of a core (p90)', () => {
    const d = computeVerdict({ records: run({ clientCpu: 90 }) });
    assert.deepEqual(d.verdict, {
      kind: 'client-bound',
      summary:
        'the load generator itself: its CPU was at 90% of a core (p90), at or above 85%, so the server was not what set the pace',
      evidence: { clientCpuP90: 90, clientLagP90Ms: 0 },
    });
    assert.deepEqual(kinds(d), ['client-bound']);
    assert.notEqual(computeVerdict({ records: run({ clientCpu: 84 }) }).verdict.kind, 'client-bound');
  });

  it('client-bound: a starved load generator, its event loop 25 ms late or more (p90)', () => {
    const starved = (lag: number) =>
      run({ clientCpu: 50 }).map((r) => (r.source === 'client' ? { ...r, eventLoopLagMs: lag } : r));
    const d = computeVerdict({ records: starved(40) });
    assert.equal(d.verdict.kind, 'client-bound');
    assert.match(
      d.verdict.summary,
      /event loop ran 40 ms late \(p90\), at or above 25 ms: it was starved of CPU/,
    );
    assert.equal(d.stats.clientLagP90Ms, 40);
    assert.notEqual(computeVerdict({ records: starved(24) }).verdict.kind, 'client-bound');
  });

  it('a late event loop beside saturated server cores is CPU-bound, with the client delay noted', () => {
    const records = run({ clientCpu: 30, cores: [99, 97] }).map((r) =>
      r.source === 'client' ? { ...r, eventLoopLagMs: 60 } : r,
    );
    const d = computeVerdict({ records });
    assert.equal(d.verdict.kind, 'cpu-bound');
    assert.ok(
      d.gaps.some((g) => /event loop ran 60 ms late \(p90\) while the server's cores were saturated/.test(g)),
    );
  });

  it('memory pressure: MemAvailable below 10% of MemTotal in one sample', () => {
    const d = computeVerdict({ records: run({ hostAt: (i) => (i === 3 ? { memory: memory(0.05) } : {}) }) });
    assert.deepEqual(d.verdict, {
      kind: 'memory-pressure',
      summary: 'memory pressure: available memory fell to 5% of the total',
      evidence: { minAvailableShare: 5, swapOutSamples: 0 },
    });
    const edge = computeVerdict({ records: run({ hostAt: () => ({ memory: memory(0.1) }) }) });
    assert.equal(edge.verdict.kind, 'not-saturated');
  });

  it('memory pressure: swap-out in 3 samples, though memory looks available', () => {
    const swapping = (n: number) => (i: number) => ({
      memory: memory(0.5, { swapOutPerSec: i < n ? 12 : 0 }),
    });
    const d = computeVerdict({ records: run({ hostAt: swapping(3) }) });
    assert.deepEqual(d.verdict, {
      kind: 'memory-pressure',
      summary: 'memory pressure: the host swapped out in 3 samples',
      evidence: { minAvailableShare: 50, swapOutSamples: 3 },
    });
    assert.equal(computeVerdict({ records: run({ hostAt: swapping(2) }) }).verdict.kind, 'not-saturated');
  });

  it('thermal: the GPU in thermal slowdown in at least 20% of its samples', () => {
    const hot = (n: number) => (i: number) => ({
      throttle: { thermal: i < n, power: false, reasons: i < n ? ['hw_thermal_slowdown'] : [] },
    });
    const d = computeVerdict({ records: run({ gpuAt: hot(1) }) });
    assert.deepEqual(d.verdict, {
      kind: 'thermal-throttling',
      summary: 'thermal throttling: the GPU slowed its clocks for heat in 20% of samples',
      evidence: { gpuThermalShare: 20, cpuThrottleSamples: 0 },
    });
    assert.equal(computeVerdict({ records: run({ gpuAt: hot(0) }) }).verdict.kind, 'not-saturated');
  });

  it('thermal: CPU throttle events in 2 samples', () => {
    const events = (n: number) => (i: number) => ({ thermal: { throttleEventsPerSec: i < n ? 0.5 : 0 } });
    const d = computeVerdict({ records: run({ hostAt: events(2) }) });
    assert.deepEqual(d.verdict, {
      kind: 'thermal-throttling',
      summary: 'thermal throttling: the CPU reported throttle events in 2 samples',
      evidence: { gpuThermalShare: 0, cpuThrottleSamples: 2 },
    });
    assert.equal(computeVerdict({ records: run({ hostAt: events(1) }) }).verdict.kind, 'not-saturated');
  });

  it('GPU-bound: utilisation at or above 90% and throughput flat between the two highest levels', () => {
    const levels = [
      { concurrency: 4, outputTokensPerSecond: 200 },
      { concurrency: 8, outputTokensPerSecond: 400 },
      { concurrency: 16, outputTokensPerSecond: 412 },
    ];
    const d = computeVerdict({ records: run({ gpuUtil: 97 }), levels });
    assert.deepEqual(d.verdict, {
      kind: 'gpu-bound',
      summary:
        'GPU-bound: utilisation averaged 97% and throughput rose only 3% from 8 to 16 concurrent requests',
      evidence: { meanGpuUtil: 97, gainPercent: 3, from: 8, to: 16 },
    });
    assert.equal(
      d.recommendation,
      'the GPU is saturated: beyond about 8 concurrent requests more parallel_slots only add latency; for a latency budget keep parallel_slots near 8',
    );
  });

  it('not GPU-bound while throughput still rises 10% or more at the top level', () => {
    for (const top of [440, 480]) {
      const levels = [
        { concurrency: 8, outputTokensPerSecond: 400 },
        { concurrency: 16, outputTokensPerSecond: top },
      ];
      const d = computeVerdict({ records: run({ gpuUtil: 97 }), levels });
      assert.deepEqual(kinds(d), ['not-saturated'], `top level at ${top}`);
    }
    const flat = [
      { concurrency: 8, outputTokensPerSecond: 400 },
      { concurrency: 16, outputTokensPerSecond: 436 },
    ];
    assert.equal(computeVerdict({ records: run({ gpuUtil: 97 }), levels: flat }).verdict.kind, 'gpu-bound');
    assert.equal(
      computeVerdict({ records: run({ gpuUtil: 89 }), levels: flat }).verdict.kind,
      'not-saturated',
    );
  });

  it('GPU-bound from utilisation alone when the run had one concurrency level', () => {
    const d = computeVerdict({
      records: run({ gpuUtil: 95 }),
      levels: [{ concurrency: 8, outputTokensPerSecond: 400 }],
    });
    assert.deepEqual(d.verdict, {
      kind: 'gpu-bound',
      summary:
        'GPU-bound: utilisation averaged 95% (one concurrency level only, so flat throughput could not be checked)',
      evidence: { meanGpuUtil: 95 },
    });
  });

  it('CPU-bound: the server cores at or above 90% busy on average', () => {
    const d = computeVerdict({ records: run({ cores: [95, 92, 90, 93] }) });
    assert.deepEqual(d.verdict, {
      kind: 'cpu-bound',
      summary: "CPU-bound: the server's 4 cores were 93% busy on average",
      evidence: { meanCpuBusy: 92.5, cores: 4, peakCoreBusy: 95 },
    });
    assert.equal(computeVerdict({ records: run({ cores: [90, 89, 89, 89] }) }).verdict.kind, 'not-saturated');
  });

  it('queueing: slots full, requests deferred and the GPU saturated (throughput still scaling)', () => {
    const levels = [
      { concurrency: 8, outputTokensPerSecond: 400 },
      { concurrency: 16, outputTokensPerSecond: 480 },
    ];
    const d = computeVerdict({
      records: run({ gpuUtil: 95, slots: { busy: 8, total: 8 }, deferred: [3, 3, 4, 3, 3] }),
      levels,
    });
    assert.deepEqual(d.verdict, {
      kind: 'queueing',
      summary:
        'queueing: every one of the 8 slots was busy in 100% of samples with 3.2 requests deferred on average, and the hardware was already saturated',
      evidence: { slotsFullPercent: 100, totalSlots: 8, meanDeferred: 3.2, maxDeferred: 4 },
    });
  });

  it('queueing follows CPU-bound when the cores are what is saturated', () => {
    const d = computeVerdict({
      records: run({ cores: [96, 96, 96, 96], slots: { busy: 4, total: 4 }, deferred: [2, 2, 2, 2, 2] }),
    });
    assert.deepEqual(kinds(d), ['cpu-bound', 'queueing']);
  });

  it('slot-bound: slots full and requests deferred while compute had room', () => {
    const d = computeVerdict({
      records: run({ cores: [30, 30, 30, 30], slots: { busy: 8, total: 8 }, deferred: [3, 3, 4, 3, 3] }),
    });
    assert.deepEqual(d.verdict, {
      kind: 'slot-bound',
      summary:
        'slot-bound: every one of the 8 slots was busy in 100% of samples with 3.2 requests deferred on average, while compute had room',
      evidence: { slotsFullPercent: 100, totalSlots: 8, meanDeferred: 3.2, maxDeferred: 4 },
    });
    assert.match(d.recommendation, /^raise parallel_slots to 12 \(now 8\)/);
  });

  it('neither slot rule while fewer than 80% of samples have every slot busy, or too little is deferred', () => {
    const partly = run({
      slots: { busy: 8, total: 8 },
      deferred: [3, 3, 3, 3, 3],
    }).map((r) => (r.source === 'server' && r.t === 1000 ? { ...r, busySlots: 7 } : r));
    assert.equal(computeVerdict({ records: partly }).verdict.kind, 'slot-bound');
    const less = partly.map((r) => (r.source === 'server' && r.t === 2000 ? { ...r, busySlots: 7 } : r));
    assert.equal(computeVerdict({ records: less }).verdict.kind, 'not-saturated');
    const few = run({ slots: { busy: 8, total: 8 }, deferred: [1, 1, 0, 0, 0] });
    assert.equal(computeVerdict({ records: few }).verdict.kind, 'not-saturated');
  });

  it('few cores hot: one core at 32% while the other 7 idle at 0-1%', () => {
    const d = computeVerdict({
      records: run({ cores: [0, 1, 0, 1, 1, 32, 0, 1], hostAt: () => ({ physicalCores: 8 }) }),
      preset: { name: 'balanced', parallelSlots: 4, threadsGen: 1 },
    });
    assert.deepEqual(d.verdict, {
      kind: 'few-cores-hot',
      summary: 'work piled on few cores: core 5 averaged 32% while the other 7 had a median of 1%',
      evidence: { hotCore: 5, hotCoreBusy: 32, othersMedian: 1, cores: 8 },
    });
    assert.match(d.recommendation, /^raise threads_gen and threads_batch to 8 \(now 1\)/);
  });

  it('not few cores hot when the hottest core stays below 25%, or the others are busy too', () => {
    assert.equal(computeVerdict({ records: run({ cores: [24, 1, 0, 1] }) }).verdict.kind, 'not-saturated');
    assert.equal(computeVerdict({ records: run({ cores: [40, 6, 6, 0] }) }).verdict.kind, 'not-saturated');
    assert.equal(computeVerdict({ records: run({ cores: [40] }) }).verdict.kind, 'not-saturated');
  });

  it('not saturated: telemetry but no rule fired', () => {
    const d = computeVerdict({ records: run({ gpuUtil: 40 }) });
    assert.deepEqual(d.verdict, {
      kind: 'not-saturated',
      summary: 'not saturated: cores 20% busy, GPU 40%, slots 0% of the time full: the server had room',
      evidence: { meanCpuBusy: 20, meanGpuUtil: 40 },
    });
    assert.deepEqual(d.findings, [d.verdict]);
    assert.equal(
      d.recommendation,
      'raise the load: a heavier profile (PROFILE=heavy or saturation) or MODE=rate with a higher RATE',
    );
  });

  it('not saturated without host samples does not claim the cores were idle', () => {
    const d = computeVerdict({ records: [server(1000, { processing: 2, busySlots: 2, totalSlots: 4 })] });
    assert.equal(d.verdict.kind, 'not-saturated');
    assert.doesNotMatch(d.verdict.summary, /cores 0% busy/);
    assert.match(d.verdict.summary, /^not saturated: slots 0% of the time full: the server had room$/);
  });

  it('insufficient data: neither host nor server samples', () => {
    const d = computeVerdict({
      records: [client(1000, 30), note(0, 'warn', 'host', 'not sampled: ssh refused')],
    });
    assert.deepEqual(d.verdict, {
      kind: 'insufficient-data',
      summary: 'no telemetry was sampled: nothing to judge',
      evidence: {},
    });
    assert.deepEqual(d.findings, [d.verdict]);
    assert.equal(
      d.recommendation,
      'check that the samplers could reach the host and the server (see the gaps)',
    );
    assert.deepEqual(computeVerdict({ records: [] }).verdict.kind, 'insufficient-data');
  });
});

describe('computeVerdict: priority, window and gaps', () => {
  it('lists every rule that fired, in priority order, the first being the verdict', () => {
    const d = computeVerdict({
      records: run({
        clientCpu: 95,
        cores: [97, 97, 97, 97],
        hostAt: () => ({ memory: memory(0.04), thermal: { throttleEventsPerSec: 3 } }),
        gpuUtil: 99,
        slots: { busy: 4, total: 4 },
        deferred: [5, 5, 5, 5, 5],
      }),
      levels: [
        { concurrency: 8, outputTokensPerSecond: 400 },
        { concurrency: 16, outputTokensPerSecond: 401 },
      ],
    });
    assert.deepEqual(kinds(d), [
      'client-bound',
      'memory-pressure',
      'thermal-throttling',
      'gpu-bound',
      'cpu-bound',
      'queueing',
    ]);
    assert.equal(d.verdict, d.findings[0]);
  });

  it('memory pressure comes before CPU-bound and slot-bound', () => {
    const d = computeVerdict({
      records: run({
        cores: [97, 97, 97, 97],
        hostAt: () => ({ memory: memory(0.02) }),
        slots: { busy: 4, total: 4 },
        deferred: [5, 5, 5, 5, 5],
      }),
    });
    assert.deepEqual(kinds(d), ['memory-pressure', 'cpu-bound', 'queueing']);
  });

  it('judges only the loaded window: idle samples before and after the load do not count', () => {
    const idle = (t: number, extra: Partial<HostRecord>): DiagnosticsRecord[] => [
      server(t, { processing: 0, busySlots: 0, totalSlots: 4, deferred: 0 }),
      host(t, [100, 100, 100, 100], extra),
      client(t, 99),
    ];
    const records = [
      // Before: the model loading pins every core, the client starts up.
      ...[-4000, -3000, -2000, -1000, 0].flatMap((t) => idle(t, { memory: memory(0.5) })),
      ...run(),
      // After: the server frees nothing yet and memory is low.
      ...[6000, 7000, 8000, 9000, 10_000].flatMap((t) => idle(t, { memory: memory(0.01) })),
    ];
    const d = computeVerdict({ records });
    assert.equal(d.verdict.kind, 'not-saturated');
    assert.equal(d.stats.loadedSeconds, 4);
    assert.equal(d.stats.samples, 10);
    assert.equal(d.stats.meanCpuBusy, 20);
    assert.equal(d.stats.clientCpuP90, 20);
  });

  it('lists what could not be judged, with the warnings of the samplers', () => {
    const d = computeVerdict({
      records: [
        note(0, 'info', 'host', 'sampling CPUs 0-3 of 4'),
        note(0, 'warn', 'host', 'not sampled: connection refused'),
        server(1000, { processing: 1, outputTokensPerSec: 20 }),
        note(2000, 'warn', 'server', '/slots answered 501: not sampled'),
      ],
    });
    assert.equal(d.verdict.kind, 'not-saturated');
    assert.deepEqual(d.gaps, [
      'no host samples: CPU, memory and thermal rules were not checked',
      'no GPU samples: GPU-bound was not checked',
      'no slot or queue figures from the server: slot-bound and queueing were not checked',
      'no load-generator samples: client-bound was not checked',
      'host: not sampled: connection refused',
      'server: /slots answered 501: not sampled',
    ]);
  });

  it('has no gaps when every sampler delivered', () => {
    assert.deepEqual(computeVerdict({ records: run({ gpuUtil: 30 }) }).gaps, []);
  });
});

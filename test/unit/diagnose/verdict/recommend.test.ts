import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnosisStats, Finding, VerdictKind } from '../../../../src/diagnose/verdict/diagnosis.ts';
import { recommend, type PresetFacts } from '../../../../src/diagnose/verdict/recommend.ts';

const finding = (kind: VerdictKind, evidence: Finding['evidence'] = {}): Finding => ({
  kind,
  summary: kind,
  evidence,
});

const stats = (extra: Partial<DiagnosisStats> = {}): DiagnosisStats => ({
  samples: 10,
  loadedSeconds: 10,
  cpus: [0, 1, 2, 3, 4, 5, 6, 7],
  meanBusyPerCore: [],
  ...extra,
});

const preset = (extra: Partial<PresetFacts> = {}): PresetFacts => ({ name: 'balanced', ...extra });

describe('recommend', () => {
  it('slot-bound: parallel_slots raised by the mean deferred, rounded up', () => {
    const text = recommend(
      finding('slot-bound'),
      stats({ totalSlots: 8, meanDeferred: 3.2, slotsFullShare: 0.93 }),
      preset({ parallelSlots: 8, ctxPerSlot: 4096 }),
      8,
    );
    assert.equal(
      text,
      'raise parallel_slots to 12 (now 8): slots were 93% of the time all busy with 3.2 requests deferred on average; keep ctx_per_slot, the context grows to 12 x ctx_per_slot',
    );
  });

  it('slot-bound: at least one more slot, and the server slot count when no preset is known', () => {
    const text = recommend(
      finding('slot-bound'),
      stats({ totalSlots: 4, meanDeferred: 0.5, slotsFullShare: 1 }),
      undefined,
      8,
    );
    assert.match(text, /^raise parallel_slots to 5 \(now 4\): slots were 100% of the time/);
    const unknown = recommend(finding('slot-bound'), stats({ meanDeferred: 2 }), undefined, undefined);
    assert.match(unknown, /^raise parallel_slots to 2: slots were 0% of the time all busy/);
  });

  it('cpu-bound with threads_gen below the physical cores: raise it to the cores', () => {
    assert.equal(
      recommend(finding('cpu-bound'), stats(), preset({ threadsGen: 4 }), 8),
      "raise threads_gen to 8 (now 4): the server's cores were saturated with threads to spare",
    );
  });

  it('cpu-bound with threads_gen at the cores: more cores or a GPU', () => {
    assert.equal(
      recommend(finding('cpu-bound'), stats(), preset({ threadsGen: 8, cpuset: '0-7' }), 8),
      "the server's cores are saturated: give it more cores (cpuset, now 0-7) or offload layers to a GPU (gpu_layers); more slots would only queue the same work",
    );
    // Without the physical cores, the sampled CPUs count: 8 here, so 8 threads are enough.
    assert.match(
      recommend(finding('cpu-bound'), stats(), preset({ threadsGen: 8 }), undefined),
      /^the server's cores are saturated: give it more cores \(cpuset\) or/,
    );
    assert.match(recommend(finding('cpu-bound'), stats(), undefined, 8), /^the server's cores are saturated/);
  });

  it('few-cores-hot: threads to the cores, or the cpuset advice when the preset does not say', () => {
    assert.equal(
      recommend(finding('few-cores-hot'), stats(), preset({ threadsGen: 1 }), 4),
      'raise threads_gen and threads_batch to 4 (now 1): one core did the work while the others idled',
    );
    assert.equal(
      recommend(finding('few-cores-hot'), stats(), undefined, 4),
      'set threads_gen and threads_batch to the 4 physical cores of the cpuset: llama.cpp sizes its threads from the host, not the cpuset, and one core did the work while the others idled',
    );
  });

  it('gpu-bound: with and without the concurrency where throughput went flat', () => {
    assert.equal(
      recommend(finding('gpu-bound', { meanGpuUtil: 97, from: 16, to: 32 }), stats(), undefined, 8),
      'the GPU is saturated: beyond about 16 concurrent requests more parallel_slots only add latency; for a latency budget keep parallel_slots near 16',
    );
    assert.equal(
      recommend(finding('gpu-bound', { meanGpuUtil: 97 }), stats(), undefined, 8),
      'the GPU is saturated: more parallel_slots only add latency; a smaller model, a lower-bit quantisation or another GPU raise the ceiling',
    );
  });

  it('memory-pressure names the current ctx_per_slot', () => {
    assert.equal(
      recommend(finding('memory-pressure'), stats(), preset({ ctxPerSlot: 8192 }), 8),
      'lower ctx_per_slot (now 8192) or parallel_slots, or quantise the KV cache (cache_type_k/cache_type_v: q8_0): the KV cache grows with both',
    );
    assert.match(
      recommend(finding('memory-pressure'), stats(), undefined, 8),
      /^lower ctx_per_slot or parallel_slots/,
    );
  });

  it('queueing names the busy slots', () => {
    assert.match(
      recommend(finding('queueing'), stats({ totalSlots: 6 }), undefined, 8),
      /^the server is at capacity: requests queue behind 6 busy slots on saturated hardware/,
    );
    assert.match(
      recommend(finding('queueing'), stats({ totalSlots: 6 }), preset({ parallelSlots: 4 }), 8),
      /queue behind 4 busy slots/,
    );
  });

  it('gives fixed advice for the other verdicts', () => {
    assert.match(
      recommend(finding('client-bound'), stats(), undefined, 8),
      /^run the load generator on another machine/,
    );
    assert.match(recommend(finding('thermal-throttling'), stats(), undefined, 8), /^improve cooling/);
    assert.match(recommend(finding('not-saturated'), stats(), undefined, 8), /^raise the load/);
    assert.match(recommend(finding('insufficient-data'), stats(), undefined, 8), /^check that the samplers/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SimMetrics } from '../../../src/sim/metrics.ts';
import { resolveSimOptions, type SimOptionsInput } from '../../../src/sim/options.ts';
import {
  computeAmdahlFactor,
  computeBudgetedPrefillMs,
  computeOversubscription,
  PIPELINE_HANDOFF,
} from '../../../src/sim/parallel-model.ts';
import { SchedulerPool } from '../../../src/sim/scheduler-pool.ts';
import { ManualClock } from './manual-clock.ts';

const BASE: SimOptionsInput = {
  jitter: 0,
  decodeMsPerToken: 40,
  contention: 0.5,
  promptTokensPerSecond: 1e6,
};

/** Runs `jobs` requests of `tokens` output tokens on a pool and returns each one's token times. */
function run(input: SimOptionsInput, jobs: number, tokens: number) {
  const clock = new ManualClock();
  const pool = new SchedulerPool(resolveSimOptions({ ...BASE, ...input }), clock, new SimMetrics(), () => 0);
  const times: number[][] = [];
  for (let j = 0; j < jobs; j++) {
    const mine: number[] = [];
    times.push(mine);
    pool.submit({
      promptTokens: 1,
      outputTokens: tokens,
      limit: tokens,
      onToken: () => mine.push(clock.now()),
      onFinish: () => undefined,
    });
  }
  return { pool, clock, times };
}

/** Time between a job's first and last token, per gap. */
function stepOf(times: number[]): number {
  return ((times.at(-1) ?? 0) - (times[0] ?? 0)) / (times.length - 1);
}

describe('the parallel performance model', () => {
  it("follows Amdahl's law for tensor parallel: time(tp) = time(1) x (s + (1 - s) / tp)", () => {
    for (const s of [0, 0.1, 0.3]) {
      const steps = [1, 2, 4, 8].map((tp) => {
        const { clock, times } = run({ tensorParallel: tp, sequentialFraction: s }, 3, 11);
        clock.advance(10_000);
        return stepOf(times[0] ?? []);
      });
      const [one = 0] = steps;
      [1, 2, 4, 8].forEach((tp, i) => {
        assert.ok(
          Math.abs((steps[i] ?? 0) - one * (s + (1 - s) / tp)) < 1e-9,
          `s ${s} tp ${tp}: ${steps[i]}`,
        );
      });
    }
    assert.equal(computeAmdahlFactor(4, 0.1), 0.1 + 0.9 / 4);
  });

  it('pipeline parallel: contention on a micro-batch of ceil(running / pp), plus a hand-off per stage', () => {
    const { clock, times } = run({ pipelineParallel: 2, sequentialFraction: 0 }, 4, 6);
    clock.advance(10_000);
    // Four running requests in two micro-batches of two: 40 x (1 + 0.5 x 1) x (1 + handoff).
    assert.ok(Math.abs(stepOf(times[0] ?? []) - 40 * 1.5 * (1 + PIPELINE_HANDOFF)) < 1e-9);
  });

  it('data parallel: replicas run side by side, each request on the least loaded one', () => {
    const single = run({ slots: 2 }, 4, 5);
    assert.equal(single.pool.processing, 2);
    assert.equal(single.pool.deferred, 2);
    const replicated = run({ slots: 2, dataParallel: 2 }, 4, 5);
    assert.equal(replicated.pool.processing, 4);
    assert.equal(replicated.pool.deferred, 0);
    assert.deepEqual(
      replicated.pool.replicas.map((r) => r.processing),
      [2, 2],
    );
    assert.deepEqual(
      replicated.pool.viewSlots().map((s) => s.id),
      [0, 1, 2, 3],
    );
    single.clock.advance(10_000);
    replicated.clock.advance(10_000);
    const lastToken = (times: number[][]) => Math.max(...times.flat());
    assert.ok(
      lastToken(replicated.times) < lastToken(single.times) / 2,
      'two replicas finish in under half the time',
    );
  });

  it('max-num-seqs caps the running batch; the rest wait', () => {
    const { pool } = run({ slots: 3 }, 7, 5);
    assert.equal(pool.processing, 3);
    assert.equal(pool.deferred, 4);
  });

  it('max-num-batched-tokens: a prompt needs one step per budget share', () => {
    const budget = { tokensPerStep: 100, sharing: 2, stepMs: 10 };
    assert.equal(computeBudgetedPrefillMs(5, 420, budget), 90);
    assert.equal(computeBudgetedPrefillMs(500, 420, budget), 500);
    assert.equal(computeBudgetedPrefillMs(5, 420, { ...budget, tokensPerStep: 0 }), 5);
    const { clock, times } = run({ maxBatchedTokens: 64, promptTokensPerSecond: 1e6 }, 1, 2);
    clock.advance(1);
    assert.deepEqual(times[0], [], 'the first token waits for the prefill steps');
  });

  it('oversubscribed cores slow every step in proportion, counting other simulators in the shared folder', () => {
    assert.equal(computeOversubscription(6, 4), 1.5);
    assert.equal(computeOversubscription(3, 4), 1);
    assert.equal(computeOversubscription(100, 0), 1);
    const dir = mkdtempSync(join(tmpdir(), 'inferload-sim-host-'));
    try {
      const alone = run({ hostCores: 4, coresPerReplica: 2, sharedDir: dir, sequentialFraction: 0 }, 1, 6);
      alone.clock.advance(10_000);
      alone.pool.close();
      // Another simulator announces 6 busy cores: 2 + 6 = 8 on a 4-core host, so steps take twice as long.
      writeFileSync(join(dir, 'other.json'), JSON.stringify({ busyCores: 6, at: Date.now() }));
      const crowded = run({ hostCores: 4, coresPerReplica: 2, sharedDir: dir, sequentialFraction: 0 }, 1, 6);
      crowded.clock.advance(10_000);
      crowded.pool.close();
      assert.ok(Math.abs(stepOf(crowded.times[0] ?? []) - 2 * stepOf(alone.times[0] ?? [])) < 1e-9);
      // A stale announcement (a simulator that died) no longer counts.
      writeFileSync(join(dir, 'other.json'), JSON.stringify({ busyCores: 6, at: Date.now() - 60_000 }));
      const stale = run({ hostCores: 4, coresPerReplica: 2, sharedDir: dir, sequentialFraction: 0 }, 1, 6);
      stale.clock.advance(10_000);
      stale.pool.close();
      assert.equal(stepOf(stale.times[0] ?? []), stepOf(alone.times[0] ?? []));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getRampingVusGracefulSteps,
  getRampingVusRawSteps,
} from '../../../../src/engine/execution/ramping-vus-plan.ts';
import type { RampingVusScenario, Stage } from '../../../../src/engine/execution/types.ts';

const s = (seconds: number, target: number): Stage => ({ durationMs: seconds * 1000, target });
const secs = (steps: { offsetMs: number; vus: number }[]): [number, number][] =>
  steps.map((step) => [step.offsetMs / 1000, step.vus]);

// The documented formula: vus(t) = from + trunc((to - from) * (t - stageStart) / D) inside one stage.
function vusAt(from: number, stage: Stage, tMs: number): number {
  return from + Math.trunc(((stage.target - from) * tMs) / stage.durationMs);
}

// k6's TestRampingVUsConfigExecutionPlanExample (lib/executor/ramping_vus_test.go).
const EXAMPLE_STAGES = [s(2, 6), s(5, 1), s(4, 5), s(4, 1), s(3, 4), s(2, 4), s(0, 1), s(3, 1)];
const EXAMPLE_RAW: [number, number][] = [
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 5],
  [4, 4],
  [5, 3],
  [6, 2],
  [7, 1],
  [8, 2],
  [9, 3],
  [10, 4],
  [11, 5],
  [12, 4],
  [13, 3],
  [14, 2],
  [15, 1],
  [16, 2],
  [17, 3],
  [18, 4],
  [20, 1],
];

function rampingVus(stages: Stage[], gracefulStopS: number, gracefulRampDownS = 30): RampingVusScenario {
  return {
    name: 'test',
    executor: 'ramping-vus',
    startVUs: 4,
    stages,
    gracefulRampDownMs: gracefulRampDownS * 1000,
    gracefulStopMs: gracefulStopS * 1000,
    startTimeMs: 0,
    exec: 'default',
    env: {},
    tags: {},
  };
}

describe('getRampingVusRawSteps', () => {
  it('ramps up flooring: 0 -> 10 over 10s adds one VU per second', () => {
    assert.deepEqual(
      secs(getRampingVusRawSteps(0, [s(10, 10)])),
      Array.from({ length: 11 }, (_, i) => [i, i]),
    );
  });

  it('ramps down toward `from`: 10 -> 0 over 10s removes a VU at 1s, 2s, ...', () => {
    assert.deepEqual(
      secs(getRampingVusRawSteps(10, [s(10, 0)])),
      Array.from({ length: 11 }, (_, i) => [i, 10 - i]),
    );
  });

  for (const [from, target, seconds] of [
    [0, 3, 10],
    [3, 0, 10],
    [2, 9, 7],
    [9, 2, 7],
    [1, 100, 3],
  ] as const) {
    it(`matches vus(t) = from + trunc((to-from)*t/D) for ${from} -> ${target} over ${seconds}s`, () => {
      const stage = s(seconds, target);
      const steps = getRampingVusRawSteps(from, [stage]);
      assert.equal(steps.length, Math.abs(target - from) + 1);
      let previous: number = from;
      for (const step of steps.slice(1)) {
        assert.equal(vusAt(from, stage, step.offsetMs), step.vus, `at ${step.offsetMs}ms`);
        assert.equal(vusAt(from, stage, step.offsetMs - 1e-6), previous, `just before ${step.offsetMs}ms`);
        previous = step.vus;
      }
      assert.equal(previous, target);
    });
  }

  it('jumps at once on 0s stages and skips stages that keep the count', () => {
    assert.deepEqual(secs(getRampingVusRawSteps(5, [s(0, 10), s(1, 10), s(0, 2)])), [
      [0, 5],
      [0, 10],
      [1, 2],
    ]);
  });

  it('reproduces k6 plan example, with and without the zero end', () => {
    assert.deepEqual(secs(getRampingVusRawSteps(4, EXAMPLE_STAGES)), EXAMPLE_RAW);
    assert.deepEqual(secs(getRampingVusRawSteps(4, EXAMPLE_STAGES, true)), [...EXAMPLE_RAW, [23, 0]]);
  });

  it('reproduces k6 TestRampingVUsExecutionTupleTests for the full segment', () => {
    const stages = [...EXAMPLE_STAGES, s(0, 5), s(3, 5), s(0, 0), s(2, 2), s(2, 0), s(4, 4)];
    assert.deepEqual(secs(getRampingVusRawSteps(4, stages)), [
      ...EXAMPLE_RAW,
      [23, 5],
      [26, 0],
      [27, 1],
      [28, 2],
      [29, 1],
      [30, 0],
      [31, 1],
      [32, 2],
      [33, 3],
      [34, 4],
    ]);
  });

  it('stays exact for hour-long stages with many VUs', () => {
    const steps = getRampingVusRawSteps(0, [{ durationMs: 3_600_000, target: 50_000 }]);
    assert.equal(steps.length, 50_001);
    assert.equal(steps[1]?.offsetMs, 72); // 3600s / 50000
    assert.equal(steps[50_000]?.offsetMs, 3_600_000);
  });
});

describe('getRampingVusGracefulSteps', () => {
  it('reserves ramped-down VUs for gracefulRampDown, as in k6 (gracefulStop 30s)', () => {
    assert.deepEqual(secs(getRampingVusGracefulSteps(rampingVus(EXAMPLE_STAGES, 30))), [
      [0, 4],
      [1, 5],
      [2, 6],
      [33, 5],
      [42, 4],
      [50, 1],
      [53, 0],
    ]);
  });

  it('ends at stages + gracefulStop, cutting reservations short', () => {
    assert.deepEqual(secs(getRampingVusGracefulSteps(rampingVus(EXAMPLE_STAGES, 80))), [
      [0, 4],
      [1, 5],
      [2, 6],
      [33, 5],
      [42, 4],
      [50, 1],
      [103, 0],
    ]);
    assert.deepEqual(secs(getRampingVusGracefulSteps(rampingVus(EXAMPLE_STAGES, 3))), [
      [0, 4],
      [1, 5],
      [2, 6],
      [26, 0],
    ]);
    assert.deepEqual(secs(getRampingVusGracefulSteps(rampingVus(EXAMPLE_STAGES, 0))), [
      [0, 4],
      [1, 5],
      [2, 6],
      [23, 0],
    ]);
  });

  it('equals the zero-ended raw steps without gracefulRampDown or gracefulStop', () => {
    assert.deepEqual(secs(getRampingVusGracefulSteps(rampingVus(EXAMPLE_STAGES, 0, 0))), [
      ...EXAMPLE_RAW,
      [23, 0],
    ]);
  });
});

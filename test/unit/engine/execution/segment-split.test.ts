// A profile split N ways on execution segments sums to the whole for every executor: VUs, iterations, the
// ramping-vus VU curve and the arrival-rate start times (plan level, no real time), plus the options' validation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getArrivalStarts } from '../../../../src/engine/execution/arrival-plan.ts';
import { type ExecutionPlan, resolveExecution } from '../../../../src/engine/execution/config.ts';
import { getRampingVusRawSteps, type VuStep } from '../../../../src/engine/execution/ramping-vus-plan.ts';
import { runScenarios } from '../../../../src/engine/execution/scheduler.ts';
import { parseSegmentSequence, formatSegment } from '../../../../src/engine/execution/segment.ts';
import type { Scenario, ScenarioOf } from '../../../../src/engine/execution/types.ts';
import { UserError } from '../../../../src/util/errors.ts';
import { createFakeEngine } from './fake-engine.ts';

const SEQUENCES = ['0,1/3,2/3,1', '0,1/4,1/2,1'];

const PROFILE = {
  scenarios: {
    steady: { executor: 'constant-vus', vus: 10, duration: '10s' },
    perVu: { executor: 'per-vu-iterations', vus: 7, iterations: 3 },
    shared: { executor: 'shared-iterations', vus: 10, iterations: 100 },
    ramp: {
      executor: 'ramping-vus',
      startVUs: 2,
      stages: [
        { duration: '10s', target: 11 },
        { duration: '7s', target: 3 },
        { duration: '0s', target: 8 },
        { duration: '5s', target: 0 },
      ],
    },
    car: {
      executor: 'constant-arrival-rate',
      rate: 30,
      timeUnit: '1s',
      duration: '2s',
      preAllocatedVUs: 5,
      maxVUs: 10,
    },
    rar: {
      executor: 'ramping-arrival-rate',
      startRate: 5,
      timeUnit: '1s',
      preAllocatedVUs: 3,
      maxVUs: 7,
      stages: [
        { duration: '1s', target: 20 },
        { duration: '2s', target: 20 },
        { duration: '1500ms', target: 0 },
      ],
    },
  },
};

function planParts(sequence: string, script: Record<string, unknown> = PROFILE): ExecutionPlan[] {
  return parseSegmentSequence(sequence).map((segment) =>
    resolveExecution({
      script,
      cli: { executionSegment: formatSegment(segment), executionSegmentSequence: sequence },
    }),
  );
}

function find<E extends Scenario['executor']>(plan: ExecutionPlan, name: string, _e: E): ScenarioOf<E> {
  const scenario = plan.scenarios.find((s) => s.name === name);
  assert.ok(scenario, `scenario ${name} is planned`);
  return scenario as ScenarioOf<E>;
}

function vusAt(steps: readonly VuStep[], offsetMs: number): number {
  return steps.filter((s) => s.offsetMs <= offsetMs).at(-1)?.vus ?? 0;
}

describe('a profile split into execution segments', () => {
  const whole = resolveExecution({ script: PROFILE });

  for (const sequence of SEQUENCES) {
    describe(`sequence ${sequence}`, () => {
      const parts = planParts(sequence);
      const sum = (read: (plan: ExecutionPlan) => number): number => parts.reduce((a, p) => a + read(p), 0);

      it('splits VUs and iterations so the parts sum to the whole', () => {
        assert.equal(
          sum((p) => find(p, 'steady', 'constant-vus').vus),
          10,
        );
        const perVu = sum((p) => find(p, 'perVu', 'per-vu-iterations').vus * 3);
        assert.equal(perVu, 21);
        assert.equal(
          sum((p) => find(p, 'shared', 'shared-iterations').iterations),
          100,
        );
        for (const name of ['car', 'rar']) {
          const arrival = (p: ExecutionPlan) => find(p, name, 'constant-arrival-rate');
          const full = arrival(whole);
          assert.equal(
            sum((p) => arrival(p).maxVUs),
            full.maxVUs,
          );
          assert.equal(
            sum((p) => arrival(p).preAllocatedVUs),
            full.preAllocatedVUs,
          );
        }
      });

      it('splits the ramping-vus curve so the parts sum to the whole at every step', () => {
        const stepsOf = (plan: ExecutionPlan): VuStep[] => {
          const ramp = find(plan, 'ramp', 'ramping-vus');
          return getRampingVusRawSteps(ramp.startVUs, ramp.stages, true, ramp.segment?.vus);
        };
        const full = stepsOf(whole);
        const partSteps = parts.map(stepsOf);
        const times = new Set([...full, ...partSteps.flat()].map((s) => s.offsetMs));
        for (const t of times) {
          const split = partSteps.map((steps) => vusAt(steps, t));
          assert.equal(
            split.reduce((a, b) => a + b, 0),
            vusAt(full, t),
            `at ${t}ms: ${split.join('+')}`,
          );
        }
        assert.ok(
          partSteps.every((steps) => steps.some((s) => s.vus > 0)),
          'every part ramps',
        );
      });

      for (const name of ['car', 'rar']) {
        it(`gives ${name}'s starts to exactly one part each: their union is the unsplit timeline`, () => {
          const startsOf = (plan: ExecutionPlan): number[] => [
            ...getArrivalStarts(find(plan, name, 'constant-arrival-rate')),
          ];
          const full = startsOf(whole);
          const union = parts.flatMap(startsOf).sort((a, b) => a - b);
          assert.ok(full.length > 40, `${full.length} starts`);
          assert.deepEqual(union, full);
          assert.ok(parts.every((p) => startsOf(p).length > 0));
        });
      }

      it('counts iterationInTest so the parts cover 0..iterations-1 once', async () => {
        const seen: number[] = [];
        for (const part of planParts(sequence, {
          scenarios: { shared: { executor: 'shared-iterations', vus: 10, iterations: 100 } },
        })) {
          const engine = createFakeEngine({
            iterationMs: (ctx) => (seen.push(ctx.iterationInTest), 0),
            maxVus: part.maxPossibleVUs,
          });
          await runScenarios(part.scenarios, engine.pool, engine.observer);
        }
        assert.deepEqual(
          seen.sort((a, b) => a - b),
          Array.from({ length: 100 }, (_, i) => i),
        );
      });
    });
  }

  it("matches real k6 v1.3.0's measured thirds (/work/shared/k6-semantics.md: 40/30/30, 9/6/6, 25/18/18)", () => {
    const parts = planParts(SEQUENCES[0] as string);
    assert.deepEqual(
      parts.map((p) => find(p, 'shared', 'shared-iterations').iterations),
      [40, 30, 30],
    );
    assert.deepEqual(
      parts.map((p) => find(p, 'perVu', 'per-vu-iterations').vus * 3),
      [9, 6, 6],
    );
    // 30/s over 2s is 61 starts: the period truncates to 33333333ns, so the 61st falls just before 2s
    const car = parts.map((p) => [...getArrivalStarts(find(p, 'car', 'constant-arrival-rate'))].length);
    assert.deepEqual(car, [25, 18, 18]);
  });

  it('leaves the whole test untouched without a segment, and with 0:1', () => {
    const full = resolveExecution({ script: { ...PROFILE, executionSegment: '0:1' } });
    assert.deepEqual(full.scenarios, whole.scenarios);
    assert.ok(whole.scenarios.every((s) => s.segment === undefined));
  });

  it("drops a scenario without work on a segment, with k6's warning", () => {
    const plan = resolveExecution({
      script: { scenarios: { one: { executor: 'constant-vus', vus: 1, duration: '1s' } } },
      env: { K6_EXECUTION_SEGMENT: '1/3:2/3', K6_EXECUTION_SEGMENT_SEQUENCE: '0,1/3,2/3,1' },
    });
    assert.equal(plan.scenarios.length, 0);
    assert.deepEqual(plan.warnings, ["Executor 'one' is disabled for segment 1/3:2/3 due to lack of work!"]);
  });
});

describe('execution segment options', () => {
  const fail = (input: Parameters<typeof resolveExecution>[0]): string => {
    try {
      resolveExecution(input);
    } catch (error) {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 104);
      return error.message;
    }
    assert.fail('expected an invalid configuration');
  };

  it('rejects a segment that is not in the sequence', () => {
    const message = fail({ cli: { executionSegment: '0:1/2', executionSegmentSequence: '0,1/3,2/3,1' } });
    assert.match(message, /--execution-segment' and .*--execution-segment-sequence'/);
    assert.match(message, /provided segment 0:1\/2 can't be found in sequence 0,1\/3,2\/3,1/);
    assert.match(
      fail({ script: { executionSegmentSequence: '0,1/2,1' } }),
      /provided segment 0:1 can't be found/,
    );
  });

  it('names the tier, the key and the bad fraction', () => {
    assert.match(
      fail({ script: { executionSegment: '1/x' } }),
      /script option 'executionSegment': '1\/x' is not a valid percentage, decimal, fraction or interval value/,
    );
    assert.match(
      fail({ env: { K6_EXECUTION_SEGMENT_SEQUENCE: '0,2/3,1/3,1' } }),
      /environment option 'K6_EXECUTION_SEGMENT_SEQUENCE': segment start\(0\.67\) must be less than its end\(0\.33\)/,
    );
    assert.match(
      fail({ script: { executionSegment: 0.5 } }),
      /expected a string such as "1\/3:2\/3", got 0\.5/,
    );
  });

  it('lets a higher tier replace a lower one key by key', () => {
    const plan = resolveExecution({
      script: { vus: 4, iterations: 4, executionSegment: '0:1/2', executionSegmentSequence: '0,1/2,1' },
      cli: { executionSegment: '1/2:1' },
    });
    assert.equal(formatSegment(plan.tuple.sequence[plan.tuple.index] as never), '1/2:1');
    assert.equal(find(plan, 'default', 'shared-iterations').iterations, 2);
  });
});

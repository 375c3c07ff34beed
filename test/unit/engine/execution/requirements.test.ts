import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveExecution } from '../../../../src/engine/execution/config.ts';

const plan = (scenarios: Record<string, Record<string, unknown>>) =>
  resolveExecution({ script: { scenarios } });

describe('VU pool sizing', () => {
  it('sums scenarios that overlap in time', () => {
    const result = plan({
      a: { executor: 'constant-vus', vus: 5, duration: '10s' },
      b: { executor: 'per-vu-iterations', vus: 3, startTime: '5s' },
    });
    assert.equal(result.maxPlannedVUs, 8);
    assert.equal(result.maxPossibleVUs, 8);
  });

  it('reuses VUs across scenarios that do not overlap, graceful periods included', () => {
    const sequential = plan({
      a: { executor: 'constant-vus', vus: 5, duration: '10s', gracefulStop: '5s' },
      b: { executor: 'constant-vus', vus: 3, duration: '10s', startTime: '15s' },
    });
    assert.equal(sequential.maxPlannedVUs, 5);
    const overlapping = plan({
      a: { executor: 'constant-vus', vus: 5, duration: '10s', gracefulStop: '5s' },
      b: { executor: 'constant-vus', vus: 3, duration: '10s', startTime: '14s' },
    });
    assert.equal(overlapping.maxPlannedVUs, 8);
  });

  it('counts arrival-rate maxVUs as possible, preAllocatedVUs as planned', () => {
    const result = plan({
      a: { executor: 'constant-arrival-rate', rate: 10, duration: '10s', preAllocatedVUs: 2, maxVUs: 20 },
      b: { executor: 'shared-iterations', vus: 4, iterations: 4 },
    });
    assert.equal(result.maxPlannedVUs, 6);
    assert.equal(result.maxPossibleVUs, 24);
    assert.deepEqual(result.vusByScenario.a, { planned: 2, possible: 20 });
  });

  it('follows ramping-vus over time, with graceful ramp-down reservations', () => {
    const result = plan({
      up: {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '10s', target: 10 },
          { duration: '10s', target: 0 },
        ],
      },
      late: { executor: 'constant-vus', vus: 4, duration: '5s', startTime: '25s' },
    });
    // the ramp-down VUs stay reserved for gracefulRampDown (30s), so `late` cannot reuse them
    assert.equal(result.maxPlannedVUs, 14);
    const noGrace = plan({
      up: {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '10s', target: 10 },
          { duration: '10s', target: 0 },
        ],
        gracefulRampDown: 0,
        gracefulStop: 0,
      },
      late: { executor: 'constant-vus', vus: 4, duration: '5s', startTime: '25s' },
    });
    assert.equal(noGrace.maxPlannedVUs, 10);
    assert.equal(noGrace.endOffsetMs, 60_000);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveExecution } from '../../../../src/engine/execution/config.ts';
import { UserError } from '../../../../src/util/errors.ts';

const withScenario = (config: Record<string, unknown>, name = 'api') =>
  resolveExecution({ script: { scenarios: { [name]: config } } });

function assertInvalid(config: Record<string, unknown>, ...patterns: RegExp[]): void {
  assert.throws(
    () => withScenario(config),
    (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 104);
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('scenario validation', () => {
  it('fills in k6 defaults', () => {
    const [car] = withScenario({
      executor: 'constant-arrival-rate',
      rate: 5,
      duration: '10s',
      preAllocatedVUs: 2,
    }).scenarios;
    assert.deepEqual(car, {
      name: 'api',
      executor: 'constant-arrival-rate',
      startTimeMs: 0,
      gracefulStopMs: 30_000,
      exec: 'default',
      env: {},
      tags: {},
      rate: 5,
      timeUnitMs: 1000,
      durationMs: 10_000,
      preAllocatedVUs: 2,
      maxVUs: 2,
    });
    const [rar] = withScenario({
      executor: 'ramping-arrival-rate',
      preAllocatedVUs: 1,
      stages: [{ duration: '1s', target: 1 }],
    }).scenarios;
    assert.ok(
      rar?.executor === 'ramping-arrival-rate' &&
        rar.startRate === 0 &&
        rar.timeUnitMs === 1000 &&
        rar.maxVUs === 1,
    );
  });

  it('reads base keys: startTime, gracefulStop, exec, env, tags, options', () => {
    const [scenario] = withScenario({
      executor: 'per-vu-iterations',
      startTime: '1m',
      gracefulStop: 0,
      exec: 'chat',
      env: { MODEL: 'x' },
      tags: { kind: 'chat' },
      options: { browser: { type: 'chromium' } },
    }).scenarios;
    assert.ok(scenario);
    assert.deepEqual(
      [
        scenario.startTimeMs,
        scenario.gracefulStopMs,
        scenario.exec,
        scenario.env,
        scenario.tags,
        scenario.options,
      ],
      [60_000, 0, 'chat', { MODEL: 'x' }, { kind: 'chat' }, { browser: { type: 'chromium' } }],
    );
  });

  it('rejects unknown keys, listing the valid ones', () => {
    assertInvalid(
      { executor: 'constant-vus', duration: '1m', rampUp: '10s' },
      /scenario 'api': unknown key 'rampUp'/,
      /valid keys: .*vus, duration/,
    );
    assertInvalid({ executor: 'shared-iterations', duration: '1m' }, /unknown key 'duration'/);
    assertInvalid(
      { executor: 'ramping-vus', stages: [{ duration: '1s', target: 1, ramp: 'linear' }] },
      /stage 1: unknown key 'ramp'/,
    );
  });

  it('rejects missing required keys', () => {
    assertInvalid({ executor: 'constant-vus' }, /scenario 'api': 'duration' is required/);
    assertInvalid(
      { executor: 'constant-arrival-rate', duration: '1m', preAllocatedVUs: 1 },
      /'rate' is required/,
    );
    assertInvalid(
      { executor: 'constant-arrival-rate', duration: '1m', rate: 1 },
      /'preAllocatedVUs' is required/,
    );
    assertInvalid({ executor: 'ramping-vus' }, /'stages' needs at least one/);
    assertInvalid(
      { executor: 'ramping-arrival-rate', preAllocatedVUs: 1, stages: [] },
      /'stages' needs at least one/,
    );
    assertInvalid({ executor: 'ramping-vus', stages: [{ duration: '1s' }] }, /stage 1: 'target' is required/);
    assertInvalid({ vus: 1 }, /'executor' is required/);
  });

  it('rejects unknown executors and externally-controlled', () => {
    assertInvalid(
      { executor: 'constant-rate' },
      /unknown executor type 'constant-rate' \(expected one of: constant-vus/,
    );
    assertInvalid({ executor: 'externally-controlled', vus: 1 }, /not supported by the embedded engine/);
  });

  it('rejects bad scenario names', () => {
    assert.throws(
      () => withScenario({ executor: 'shared-iterations' }, 'my scenario!'),
      (error: unknown) =>
        error instanceof UserError &&
        error.exitCode === 104 &&
        /scenario 'my scenario!': the name should contain only/.test(error.message),
    );
  });

  it('requires shared-iterations iterations >= vus', () => {
    assertInvalid(
      { executor: 'shared-iterations', vus: 10, iterations: 5 },
      /'iterations' \(5\) should not be less than the number of VUs \(10\)/,
    );
  });

  it('requires durations of at least 1s where k6 does', () => {
    assertInvalid(
      { executor: 'constant-vus', duration: '500ms' },
      /'duration' should be at least 1s, got 500ms/,
    );
    assertInvalid(
      { executor: 'per-vu-iterations', maxDuration: 999 },
      /'maxDuration' should be at least 1s, got 999ms/,
    );
    assertInvalid(
      { executor: 'constant-arrival-rate', rate: 1, duration: '0.5s', preAllocatedVUs: 1 },
      /got 500ms/,
    );
    // ramping stages may be 0s, only the total matters for k6
    assert.doesNotThrow(() =>
      withScenario({
        executor: 'ramping-vus',
        stages: [
          { duration: 0, target: 1 },
          { duration: '1s', target: 1 },
        ],
      }),
    );
  });

  it('checks numbers and types, naming the key and what was expected', () => {
    assertInvalid({ executor: 'constant-vus', vus: 0, duration: '1m' }, /'vus' should be more than 0, got 0/);
    assertInvalid(
      { executor: 'constant-vus', vus: 1.5, duration: '1m' },
      /'vus' expected an integer, got 1.5/,
    );
    assertInvalid(
      { executor: 'constant-vus', duration: 'forever' },
      /'duration' expected a duration such as "30s"/,
    );
    assertInvalid(
      { executor: 'per-vu-iterations', gracefulStop: '-1s' },
      /'gracefulStop' should not be negative/,
    );
    assertInvalid({ executor: 'per-vu-iterations', exec: '' }, /'exec' should not be empty/);
    assertInvalid(
      { executor: 'per-vu-iterations', env: { A: 1 } },
      /'env' expected an object of string values/,
    );
    assertInvalid(
      { executor: 'constant-arrival-rate', rate: 1, duration: '1m', preAllocatedVUs: 5, maxVUs: 2 },
      /'maxVUs' \(2\) should not be less than preAllocatedVUs \(5\)/,
    );
    assertInvalid(
      { executor: 'constant-arrival-rate', rate: 1, timeUnit: 0, duration: '1m', preAllocatedVUs: 1 },
      /'timeUnit' should be more than 0/,
    );
    assertInvalid(
      { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1s', target: 0 }] },
      /startVUs or one of the stage targets/,
    );
    assertInvalid(
      { executor: 'ramping-vus', stages: [{ duration: '1s', target: -1 }] },
      /stage 1: 'target' should not be negative/,
    );
  });

  it('reports every problem of every scenario at once', () => {
    assert.throws(
      () =>
        resolveExecution({
          script: {
            scenarios: {
              a: { executor: 'constant-vus' },
              b: { executor: 'shared-iterations', vus: 3, iterations: 1, x: 1 },
            },
          },
        }),
      (error: unknown) =>
        error instanceof UserError &&
        /scenario 'a': 'duration' is required/.test(error.message) &&
        /scenario 'b': unknown key 'x'/.test(error.message) &&
        /scenario 'b': 'iterations' \(1\)/.test(error.message),
    );
  });
});

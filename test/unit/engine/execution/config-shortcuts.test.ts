import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveExecution } from '../../../../src/engine/execution/config.ts';
import { UserError } from '../../../../src/util/errors.ts';

const only = (input: Parameters<typeof resolveExecution>[0]) => {
  const plan = resolveExecution(input);
  assert.equal(plan.scenarios.length, 1);
  return { scenario: plan.scenarios[0], warnings: plan.warnings };
};

function assertConfigError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.equal(error.exitCode, 104);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('resolveExecution shortcuts', () => {
  it('runs 1 VU x 1 iteration (per-vu-iterations) when nothing is set', () => {
    const { scenario, warnings } = only({ script: {} });
    assert.equal(scenario?.executor, 'per-vu-iterations');
    assert.equal(scenario?.name, 'default');
    assert.deepEqual(warnings, []);
    if (scenario?.executor !== 'per-vu-iterations') return;
    assert.deepEqual(
      [scenario.vus, scenario.iterations, scenario.maxDurationMs, scenario.gracefulStopMs],
      [1, 1, 600_000, 30_000],
    );
  });

  it('turns iterations (+ duration as maxDuration, + vus) into shared-iterations', () => {
    const { scenario } = only({ script: { vus: 4, iterations: 20, duration: '1m30s' } });
    assert.deepEqual(
      scenario?.executor === 'shared-iterations' && [
        scenario.vus,
        scenario.iterations,
        scenario.maxDurationMs,
      ],
      [4, 20, 90_000],
    );
    const defaults = only({ script: { iterations: 3 } }).scenario;
    assert.deepEqual(
      defaults?.executor === 'shared-iterations' && [defaults.vus, defaults.maxDurationMs],
      [1, 600_000],
    );
  });

  it('turns duration (+ vus) into constant-vus', () => {
    const { scenario } = only({ script: { vus: 10, duration: 2500 } });
    assert.deepEqual(
      scenario?.executor === 'constant-vus' && [scenario.vus, scenario.durationMs],
      [10, 2500],
    );
  });

  it('turns stages (+ vus as startVUs) into ramping-vus', () => {
    const { scenario } = only({
      script: {
        vus: 2,
        stages: [
          { duration: '10s', target: 5 },
          { duration: '5s', target: 0 },
        ],
      },
    });
    assert.equal(scenario?.executor, 'ramping-vus');
    if (scenario?.executor !== 'ramping-vus') return;
    assert.equal(scenario.startVUs, 2);
    assert.deepEqual(scenario.stages, [
      { durationMs: 10_000, target: 5 },
      { durationMs: 5000, target: 0 },
    ]);
    assert.equal(scenario.gracefulRampDownMs, 30_000);
  });

  it('ignores a bare vus (k6 v1.x) with a warning', () => {
    const { scenario, warnings } = only({ script: { vus: 10 } });
    assert.equal(scenario?.executor, 'per-vu-iterations');
    assert.equal(scenario?.executor === 'per-vu-iterations' && scenario.vus, 1);
    assert.match(warnings.join('\n'), /`vus=10` option will be ignored/);
  });

  it('warns about explicitly empty stages or scenarios', () => {
    assert.match(
      only({ script: { stages: [] } }).warnings.join(),
      /`stages` was explicitly set to an empty value/,
    );
    assert.match(
      only({ script: { scenarios: {} } }).warnings.join(),
      /`scenarios` was explicitly set to an empty value/,
    );
  });

  it('uses explicit scenarios as they are', () => {
    const plan = resolveExecution({
      script: {
        scenarios: { b: { executor: 'constant-vus', duration: '1s' }, a: { executor: 'shared-iterations' } },
      },
    });
    assert.deepEqual(
      plan.scenarios.map((s) => s.name),
      ['a', 'b'],
    );
  });

  for (const [options, pattern] of [
    [{ iterations: 5, stages: [{ duration: '1s', target: 1 }] }, /`iterations` and `stages`/],
    [{ duration: '10s', stages: [{ duration: '1s', target: 1 }] }, /`duration` and `stages`/],
    [{ iterations: 5, scenarios: { x: { executor: 'shared-iterations' } } }, /`iterations` and `scenarios`/],
    [{ duration: '5s', scenarios: {} }, /`duration` and `scenarios`/],
    [
      { stages: [{ duration: '1s', target: 1 }], scenarios: { x: { executor: 'shared-iterations' } } },
      /`stages` and `scenarios`/,
    ],
    [{ duration: 0 }, /`duration` should be more than 0/],
  ] as const) {
    it(`rejects ${JSON.stringify(options)} within one tier`, () => {
      assertConfigError(() => resolveExecution({ script: options }), pattern);
    });
  }
});

describe('resolveExecution tiers', () => {
  const scenarios = { api: { executor: 'constant-vus', vus: 3, duration: '1m' } };

  it('lets a CLI shortcut wipe the script scenarios, keeping the script vus', () => {
    const { scenario } = only({ script: { vus: 7, scenarios }, cli: { duration: '20s' } });
    assert.deepEqual(
      scenario?.executor === 'constant-vus' && [scenario.name, scenario.vus, scenario.durationMs],
      ['default', 7, 20_000],
    );
  });

  it('lets CLI --vus override the script vus without touching its execution settings', () => {
    const { scenario } = only({ script: { vus: 7, duration: '20s' }, cli: { vus: 2 } });
    assert.deepEqual(
      scenario?.executor === 'constant-vus' && [scenario.vus, scenario.durationMs],
      [2, 20_000],
    );
  });

  it('builds shared-iterations from CLI --iterations --duration --vus over script stages (llama.cpp bench.py)', () => {
    const { scenario } = only({
      script: { stages: [{ duration: '1m', target: 10 }] },
      cli: { vus: 8, iterations: 100, duration: '10m' },
    });
    assert.deepEqual(
      scenario?.executor === 'shared-iterations' && [
        scenario.vus,
        scenario.iterations,
        scenario.maxDurationMs,
      ],
      [8, 100, 600_000],
    );
  });

  it('parses CLI stages "duration:target" and K6_* environment variables', () => {
    const fromCli = only({ script: {}, cli: { stages: ['30s:10', '1m:0'] } }).scenario;
    assert.deepEqual(fromCli?.executor === 'ramping-vus' && fromCli.stages, [
      { durationMs: 30_000, target: 10 },
      { durationMs: 60_000, target: 0 },
    ]);
    const fromEnv = only({ script: { scenarios }, env: { K6_ITERATIONS: '6', K6_VUS: '3' } }).scenario;
    assert.deepEqual(fromEnv?.executor === 'shared-iterations' && [fromEnv.vus, fromEnv.iterations], [3, 6]);
    const overEnv = only({ env: { K6_DURATION: '5s' }, cli: { iterations: 2 } }).scenario;
    assert.equal(overEnv?.executor, 'shared-iterations');
  });

  it('still reports conflicts inside the winning tier', () => {
    assertConfigError(
      () => resolveExecution({ script: { duration: '1m' }, cli: { iterations: 2, stages: ['1s:1'] } }),
      /`iterations` and `stages`/,
    );
  });

  it('rejects badly typed shortcut values naming the option', () => {
    assertConfigError(
      () => resolveExecution({ script: { vus: '5' } }),
      /script option 'vus': expected an integer, got "5"/,
    );
    assertConfigError(
      () => resolveExecution({ cli: { duration: 'soon' } }),
      /command-line option 'duration'/,
    );
    assertConfigError(
      () => resolveExecution({ script: { scenarios: [] } }),
      /'scenarios': expected an object/,
    );
  });
});

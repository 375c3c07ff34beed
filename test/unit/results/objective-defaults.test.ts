import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_OBJECTIVE,
  latencyOverBudget,
  OBJECTIVE_KEYS,
  parseObjective,
} from '../../../src/results/objective-defaults.ts';

describe('parseObjective', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_OBJECTIVE, {
      e2eP95BudgetMs: 10_000,
      maxErrorShare: 0.01,
      slo: { ttftMs: 2000, tpotMs: 100, e2eMs: 10_000 },
    });
    assert.deepEqual(parseObjective(''), DEFAULT_OBJECTIVE);
  });

  it('reads durations, percentages and shares over the defaults', () => {
    assert.deepEqual(parseObjective('e2e_p95=8s,errors=1%,ttft=500ms,tpot=50ms'), {
      e2eP95BudgetMs: 8000,
      maxErrorShare: 0.01,
      slo: { ttftMs: 500, tpotMs: 50, e2eMs: 10_000 },
    });
    const other = parseObjective(' errors = 0.05 , e2e=1m , tpot=75 ');
    assert.equal(other.maxErrorShare, 0.05);
    assert.equal(other.slo.e2eMs, 60_000);
    assert.equal(other.slo.tpotMs, 75);
  });

  it('reads p95 TTFT and TPOT budgets, and names the ones a run breaks', () => {
    const objective = parseObjective('ttft_p95=2s,tpot_p95=100ms,errors=1%');
    assert.equal(objective.ttftP95BudgetMs, 2000);
    assert.equal(objective.tpotP95BudgetMs, 100);
    assert.deepEqual(latencyOverBudget(objective, { ttftP95: 2500, tpotP95: 100 }), [
      { metric: 'TTFT', p95Ms: 2500, budgetMs: 2000 },
    ]);
    assert.deepEqual(latencyOverBudget(DEFAULT_OBJECTIVE, { ttftP95: 99_000, tpotP95: 99_000 }), []);
    assert.throws(() => parseObjective('ttft_p95=soon'), /objective: ttft_p95 expects a duration/);
  });

  it('drops a target set to off, leaving the defaults untouched', () => {
    assert.deepEqual(parseObjective('ttft=off').slo, { tpotMs: 100, e2eMs: 10_000 });
    assert.equal(DEFAULT_OBJECTIVE.slo.ttftMs, 2000);
  });

  it('names an unknown key and lists the valid ones', () => {
    assert.deepEqual(OBJECTIVE_KEYS, ['e2e_p95', 'ttft_p95', 'tpot_p95', 'errors', 'ttft', 'tpot', 'e2e']);
    assert.throws(() => parseObjective('e2e_p95=8s,latency=2s'), {
      name: 'UserError',
      message:
        "objective: unknown key 'latency' (valid keys: e2e_p95, ttft_p95, tpot_p95, errors, ttft, tpot, e2e)",
    });
  });

  it('names the key of a bad value', () => {
    assert.throws(() => parseObjective('ttft=fast'), /objective: ttft expects a duration .* got 'fast'/);
    assert.throws(() => parseObjective('e2e_p95=-1s'), /e2e_p95 expects a duration/);
    assert.throws(() => parseObjective('errors=150%'), /objective: errors expects a share .* got '150%'/);
    assert.throws(() => parseObjective('errors=2'), /errors expects a share/);
    assert.throws(() => parseObjective('tpot'), /objective: tpot needs a value/);
  });
});

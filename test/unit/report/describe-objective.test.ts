import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseObjective } from '../../../src/results/objective-defaults.ts';
import { describeGoodput, describeObjective, describeSlo } from '../../../src/report/describe-objective.ts';
import { describeLossReason } from '../../../src/report/describe-loss-reason.ts';

const slo = { ttftMs: 500, tpotMs: 50 };

describe('describe-objective', () => {
  it('says what the best run and good requests are', () => {
    const objective = parseObjective('e2e_p95=8s,errors=0.5%,ttft=500ms,tpot=50ms,e2e=off');
    assert.equal(
      describeObjective(objective),
      'the most output tokens/s with p95 E2E ≤ 8 s and errors ≤ 0.5%',
    );
    assert.equal(describeSlo(objective.slo), 'TTFT ≤ 500 ms and TPOT ≤ 50 ms');
    assert.equal(describeSlo({}), 'no latency target');
  });

  it('states goodput, the targets left unchecked, and why it has no value', () => {
    const base = { slo, total: 4, unjoinable: 0 };
    assert.equal(
      describeGoodput({ ...base, met: 1, share: 0.25, goodputPerSecond: 0.5, ignoredTargets: ['ttftMs'] }),
      '0.5 req/s: 1 of 4 requests (25%) met TTFT ≤ 500 ms and TPOT ≤ 50 ms; TTFT not checked (no request measured it)',
    );
    assert.equal(
      describeGoodput({ ...base, unjoinable: 1, ignoredTargets: [], reason: 'unjoinable' }),
      'not computed: 1 request without a request_id, so latencies cannot be joined per request',
    );
    assert.equal(
      describeGoodput({ ...base, ignoredTargets: ['ttftMs', 'tpotMs'], reason: 'no-targets' }),
      'not computed: no successful request measured any of TTFT ≤ 500 ms and TPOT ≤ 50 ms',
    );
  });

  it('says why a run lost', () => {
    assert.equal(
      describeLossReason({ kind: 'no-data', missing: ['e2eP95Ms', 'outputTokensPerSecond'] }, 'x'),
      'no p95 E2E, output tok/s measured',
    );
    assert.equal(
      describeLossReason({ kind: 'too-many-errors', errorShare: 0.05, maxErrorShare: 0.01 }, 'x'),
      'errors 5% are over the 1% limit',
    );
  });
});

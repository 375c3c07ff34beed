import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { registerBuiltinMetrics } from '../../../../src/engine/metrics/builtin-metrics.ts';
import { createThresholdSet } from '../../../../src/engine/thresholds/threshold-set.ts';
import { UserError } from '../../../../src/util/errors.ts';

function registry(): MetricRegistry {
  const r = new MetricRegistry();
  registerBuiltinMetrics(r);
  r.define('llamacpp_completions_truncated_rate', 'rate');
  return r;
}

function configError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof UserError && error.exitCode === 104 && pattern.test(error.message);
}

describe('createThresholdSet', () => {
  it('binds string and object thresholds to their metrics', () => {
    const set = createThresholdSet(
      {
        http_req_duration: ['p(95)<500', 'avg<200'],
        llamacpp_completions_truncated_rate: [
          { threshold: 'rate < 0.8', abortOnFail: true, delayAbortEval: '1m' },
        ],
      },
      registry(),
    );
    assert.equal(set.entries.length, 2);
    const [duration, truncated] = set.entries;
    assert.equal(duration?.metric.name, 'http_req_duration');
    assert.deepEqual(
      duration?.thresholds.map((t) => t.source),
      ['p(95)<500', 'avg<200'],
    );
    assert.deepEqual(truncated?.thresholds[0]?.config, {
      source: 'rate < 0.8',
      abortOnFail: true,
      delayAbortEvalMs: 60_000,
    });
    assert.ok(truncated?.metric.observed, 'metrics with thresholds always reach the summary');
  });

  it('creates sub-metrics and marks them and their parent observed', () => {
    const r = registry();
    const set = createThresholdSet({ 'http_req_duration{ status:200 }': ['p(90)<100'] }, r);
    const metric = set.entries[0]?.metric;
    assert.equal(metric?.name, 'http_req_duration{status:200}');
    assert.ok(metric?.observed && r.get('http_req_duration')?.observed);
    assert.deepEqual(
      r.get('http_req_duration')?.submetrics.map((s) => s.suffix),
      ['status:200', 'expected_response:true'],
    );
  });

  it('can skip the automatic expected_response sub-metric', () => {
    const r = registry();
    createThresholdSet({}, r, { expectedResponseSubmetric: false });
    assert.equal(r.get('http_req_duration')?.submetrics.length, 0);
  });

  it('rejects an unknown metric with exit code 104', () => {
    assert.throws(
      () => createThresholdSet({ nope_metric: ['avg<1'] }, registry()),
      configError(/'nope_metric'.*no metric named 'nope_metric'/),
    );
    assert.throws(
      () => createThresholdSet({ 'nope{a:1}': ['avg<1'] }, registry()),
      configError(/no metric named 'nope'/),
    );
  });

  it('rejects an aggregation the metric type does not support, naming metric and expression', () => {
    assert.throws(
      () => createThresholdSet({ checks: ['avg<1'] }, registry()),
      configError(
        /"avg<1" on metric 'checks'.*unsupported aggregation method avg on metric of type rate; supported: rate/,
      ),
    );
    assert.throws(
      () => createThresholdSet({ http_reqs: ['value>1'] }, registry()),
      configError(/type counter/),
    );
    assert.throws(() => createThresholdSet({ vus: ['max>1'] }, registry()), configError(/type gauge/));
    assert.throws(
      () => createThresholdSet({ http_req_duration: ['count>1'] }, registry()),
      configError(/type trend/),
    );
  });

  it('rejects malformed expressions and configs', () => {
    assert.throws(
      () => createThresholdSet({ http_req_duration: ['p(95) 500'] }, registry()),
      configError(/"p\(95\) 500" on metric 'http_req_duration'.*malformed/),
    );
    assert.throws(
      () => createThresholdSet({ http_req_duration: 'p(95)<500' }, registry()),
      configError(/must be an array/),
    );
    assert.throws(
      () => createThresholdSet({ http_req_duration: [42] }, registry()),
      configError(/string or/),
    );
    assert.throws(
      () =>
        createThresholdSet({ http_req_duration: [{ threshold: 'avg<1', abortOnFail: 'yes' }] }, registry()),
      configError(/abortOnFail/),
    );
    assert.throws(
      () =>
        createThresholdSet(
          { http_req_duration: [{ threshold: 'avg<1', delayAbortEval: 'soon' }] },
          registry(),
        ),
      configError(/delayAbortEval.*invalid duration "soon"/),
    );
    assert.throws(
      () => createThresholdSet({ 'http_req_duration{status}': ['avg<1'] }, registry()),
      configError(/malformed/),
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { registerBuiltinMetrics } from '../../../../src/engine/metrics/builtin-metrics.ts';
import { createThresholdSet, type ThresholdSet } from '../../../../src/engine/thresholds/threshold-set.ts';
import { evaluateThresholds } from '../../../../src/engine/thresholds/evaluate-thresholds.ts';
import { startThresholdLoop } from '../../../../src/engine/thresholds/threshold-loop.ts';
import type { UserError } from '../../../../src/util/errors.ts';

function setup(config: Record<string, unknown>): { registry: MetricRegistry; set: ThresholdSet } {
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  return { registry, set: createThresholdSet(config, registry) };
}

function add(
  registry: MetricRegistry,
  metric: string,
  value: number,
  tags: Record<string, string> = {},
): void {
  registry.add({ metric, time: 0, value, tags });
}

const final = { elapsedMs: 10_000, ignoreEmptySinks: false };

describe('evaluateThresholds', () => {
  it('passes and fails thresholds on every sink type', () => {
    const { registry, set } = setup({
      http_req_duration: ['p(90)<9', 'avg<6'],
      http_reqs: ['count>=10', 'rate>0.5'],
      vus: ['value<5'],
      checks: ['rate>0.9'],
    });
    for (let i = 1; i <= 10; i++) add(registry, 'http_req_duration', i);
    for (let i = 0; i < 10; i++) add(registry, 'http_reqs', 1);
    add(registry, 'vus', 7);
    add(registry, 'vus', 3);
    add(registry, 'checks', 1);
    add(registry, 'checks', 0);
    const result = evaluateThresholds(set, final);
    assert.deepEqual(result, { breached: ['checks', 'http_req_duration'], shouldAbort: false });
    const failed = set.entries.flatMap((e) => e.thresholds.filter((t) => t.lastFailed).map((t) => t.source));
    assert.deepEqual(failed, ['p(90)<9', 'rate>0.9']);
  });

  it('passes when the sink has no value: Rate without samples, Counter rate at t=0', () => {
    const { set } = setup({ checks: ['rate>0.99'], http_reqs: ['rate>100'] });
    assert.deepEqual(evaluateThresholds(set, { elapsedMs: 0, ignoreEmptySinks: false }).breached, []);
  });

  it('uses 0 for every stat of an empty Trend and for an empty Counter count', () => {
    const { set } = setup({ http_req_duration: ['avg<1', 'p(95)<1'], iterations: ['count>10'] });
    assert.deepEqual(evaluateThresholds(set, final).breached, ['iterations']);
    const { set: other } = setup({ http_req_duration: ['max>0'] });
    assert.deepEqual(evaluateThresholds(other, final).breached, ['http_req_duration']);
  });

  it('skips empty sinks in periodic runs only', () => {
    const { set } = setup({ iterations: ['count>10'] });
    assert.deepEqual(evaluateThresholds(set, { elapsedMs: 2000, ignoreEmptySinks: true }).breached, []);
    assert.deepEqual(evaluateThresholds(set, final).breached, ['iterations']);
  });

  it('evaluates sub-metric thresholds on matching samples only', () => {
    const { registry, set } = setup({ 'http_req_duration{status:200}': ['max<100'] });
    add(registry, 'http_req_duration', 500, { status: '500' });
    add(registry, 'http_req_duration', 50, { status: '200' });
    assert.deepEqual(evaluateThresholds(set, final).breached, []);
  });

  it('aborts on a failing abortOnFail threshold without delayAbortEval', () => {
    const { registry, set } = setup({ checks: [{ threshold: 'rate>0.5', abortOnFail: true }] });
    add(registry, 'checks', 0);
    assert.deepEqual(evaluateThresholds(set, { elapsedMs: 1, ignoreEmptySinks: true }), {
      breached: ['checks'],
      shouldAbort: true,
    });
  });

  it('waits until the elapsed time exceeds delayAbortEval', () => {
    const { registry, set } = setup({
      checks: [{ threshold: 'rate>0.5', abortOnFail: true, delayAbortEval: '1m' }],
    });
    add(registry, 'checks', 0);
    assert.equal(evaluateThresholds(set, { elapsedMs: 30_000, ignoreEmptySinks: true }).shouldAbort, false);
    assert.equal(evaluateThresholds(set, { elapsedMs: 60_000, ignoreEmptySinks: true }).shouldAbort, false);
    assert.equal(evaluateThresholds(set, { elapsedMs: 60_001, ignoreEmptySinks: true }).shouldAbort, true);
    add(registry, 'checks', 1);
    add(registry, 'checks', 1);
    assert.deepEqual(
      evaluateThresholds(set, { elapsedMs: 70_000, ignoreEmptySinks: true }),
      { breached: [], shouldAbort: false },
      'abort is only reported for breached metrics',
    );
  });

  it('does not abort for a failing threshold without abortOnFail', () => {
    const { registry, set } = setup({ checks: ['rate>0.5'] });
    add(registry, 'checks', 0);
    assert.equal(evaluateThresholds(set, final).shouldAbort, false);
  });
});

describe('startThresholdLoop', () => {
  it('evaluates periodically, aborts once with exit 99, and finalizes without skipping empty sinks', async () => {
    const { registry, set } = setup({
      checks: [{ threshold: 'rate>0.5', abortOnFail: true }],
      iterations: ['count>0'],
    });
    add(registry, 'checks', 0);
    const aborts: UserError[] = [];
    const loop = startThresholdLoop(set, {
      elapsedMs: () => 5000,
      onAbort: (e) => aborts.push(e),
      intervalMs: 5,
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const result = loop.finalize();
    assert.equal(aborts.length, 1);
    assert.equal(aborts[0]?.exitCode, 99);
    assert.match(
      aborts[0]?.message ?? '',
      /thresholds on metrics 'checks' were crossed; at least one has abortOnFail/,
    );
    assert.deepEqual(result.breached, ['checks', 'iterations']);
  });
});

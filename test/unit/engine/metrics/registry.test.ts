import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import {
  BUILTIN_METRICS,
  addExpectedResponseSubmetric,
  registerBuiltinMetrics,
} from '../../../../src/engine/metrics/builtin-metrics.ts';
import { isValidMetricName } from '../../../../src/engine/metrics/metric-name.ts';

describe('metric names', () => {
  it('accepts k6 names and rejects the rest', () => {
    assert.ok(isValidMetricName('llamacpp_tokens_second'));
    assert.ok(isValidMetricName('_x'));
    assert.ok(isValidMetricName('a'.repeat(129)));
    assert.ok(!isValidMetricName('a'), 'one character is too short');
    assert.ok(!isValidMetricName('a'.repeat(130)));
    assert.ok(!isValidMetricName('1abc'));
    assert.ok(!isValidMetricName('my-metric'));
    assert.ok(!isValidMetricName('métrique'));
  });
});

describe('MetricRegistry.define', () => {
  it('returns the same metric for a compatible redefinition', () => {
    const registry = new MetricRegistry();
    const first = registry.define('ttft', 'trend', 'time');
    assert.equal(registry.define('ttft', 'trend', 'time'), first);
    assert.equal(registry.define('ttft', 'trend'), first, 'contains is only compared when given');
  });

  it('rejects another type or value type', () => {
    const registry = new MetricRegistry();
    registry.define('tokens', 'counter');
    assert.throws(
      () => registry.define('tokens', 'trend'),
      /metric 'tokens' already exists but with type counter/,
    );
    assert.throws(() => registry.define('tokens', 'counter', 'data'), /value type default, instead of data/);
  });

  it('rejects invalid names with k6 wording', () => {
    assert.throws(
      () => new MetricRegistry().define('bad-name', 'counter'),
      /Invalid metric name: 'bad-name'/,
    );
  });

  it('registers every k6 built-in metric with its type', () => {
    const registry = new MetricRegistry();
    registerBuiltinMetrics(registry);
    assert.equal(registry.all().length, BUILTIN_METRICS.length);
    const describe = (name: string): string => {
      const metric = registry.get(name);
      return `${metric?.type}/${metric?.contains}`;
    };
    assert.equal(describe('http_reqs'), 'counter/default');
    assert.equal(describe('data_received'), 'counter/data');
    assert.equal(describe('checks'), 'rate/default');
    assert.equal(describe('http_req_failed'), 'rate/default');
    assert.equal(describe('vus_max'), 'gauge/default');
    assert.equal(describe('http_req_tls_handshaking'), 'trend/time');
    assert.equal(describe('group_duration'), 'trend/time');
  });
});

describe('MetricRegistry.add and sub-metrics', () => {
  const sample = (tags: Record<string, string>, value = 1): Parameters<MetricRegistry['add']>[0] => ({
    metric: 'http_req_duration',
    time: Date.now(),
    value,
    tags,
  });

  it('feeds the metric and only the sub-metrics whose tags are all present', () => {
    const registry = new MetricRegistry();
    registerBuiltinMetrics(registry);
    const parent = registry.get('http_req_duration');
    assert.ok(parent);
    const ok = parent.addSubmetric('status:200');
    const both = parent.addSubmetric('status:200, method:"GET"');
    const group = parent.addSubmetric("group:'::api::chat'");
    registry.add(sample({ status: '200', method: 'GET', group: '::api::chat' }, 10));
    registry.add(sample({ status: '200', method: 'POST', group: '' }, 20));
    registry.add(sample({ status: '500', method: 'GET' }, 30));
    assert.equal(parent.sink.type === 'trend' && parent.sink.count, 3);
    assert.equal(ok.metric.sink.type === 'trend' && ok.metric.sink.count, 2);
    assert.equal(both.metric.sink.type === 'trend' && both.metric.sink.avg, 10);
    assert.equal(group.metric.sink.type === 'trend' && group.metric.sink.count, 1);
    assert.deepEqual(both.tags, { status: '200', method: 'GET' });
    assert.equal(both.name, 'http_req_duration{status:200, method:"GET"}');
    assert.ok(ok.metric.observed && parent.observed);
  });

  it('selects group paths written as group:::name', () => {
    const registry = new MetricRegistry();
    const parent = registry.define('checks', 'rate');
    const sub = parent.addSubmetric('group:::setup');
    assert.deepEqual(sub.tags, { group: '::setup' });
    registry.add({ metric: 'checks', time: 0, value: 1, tags: { group: '::setup', check: 'x' } });
    assert.equal(sub.metric.sink.type === 'rate' && sub.metric.sink.passes, 1);
  });

  it('never matches metadata such as vu or iter', () => {
    const registry = new MetricRegistry();
    const sub = registry.define('iterations', 'counter').addSubmetric('vu:1');
    registry.add({ metric: 'iterations', time: 0, value: 1, tags: {}, metadata: { vu: '1' } });
    assert.ok(!sub.metric.observed);
  });

  it('reuses the sub-metric for an equal tag set', () => {
    const registry = new MetricRegistry();
    const parent = registry.define('x_metric', 'trend');
    const a = parent.addSubmetric('a:1,b:2');
    assert.equal(parent.addSubmetric(' b:2, a:1 '), a);
    assert.throws(() => parent.addSubmetric('  '), /cannot be empty/);
  });

  it('creates http_req_duration{expected_response:true} once', () => {
    const registry = new MetricRegistry();
    registerBuiltinMetrics(registry);
    addExpectedResponseSubmetric(registry);
    addExpectedResponseSubmetric(registry);
    const subs = registry.get('http_req_duration')?.submetrics ?? [];
    assert.deepEqual(
      subs.map((s) => s.name),
      ['http_req_duration{expected_response:true}'],
    );
    assert.deepEqual(
      registry
        .allWithSubmetrics()
        .map((m) => m.name)
        .filter((n) => n.startsWith('http_req_duration')),
      ['http_req_duration', 'http_req_duration{expected_response:true}'],
    );
  });

  it('throws for a sample of an undefined metric', () => {
    assert.throws(
      () => new MetricRegistry().add({ metric: 'nope', time: 0, value: 1, tags: {} }),
      /unknown metric 'nope'/,
    );
  });
});

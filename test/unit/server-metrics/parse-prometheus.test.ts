import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metricValue, parsePrometheus } from '../../../src/server-metrics/parse-prometheus.ts';

describe('parsePrometheus', () => {
  it('reads llama.cpp names with colons, vLLM labels with escapes, and special values', () => {
    const text = [
      '# HELP llamacpp:tokens_predicted_total Number of generation tokens processed.',
      '# TYPE llamacpp:tokens_predicted_total counter',
      'llamacpp:tokens_predicted_total 128',
      'vllm:num_requests_running{model_name="m \\"x\\"",engine="0"} 3 1700000000000',
      'vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="m"} 7',
      'weird NaN',
      'neg -Inf',
      '',
    ].join('\n');
    const samples = parsePrometheus(text);
    assert.equal(metricValue(samples, 'llamacpp:tokens_predicted_total'), 128);
    const running = samples.find((s) => s.name === 'vllm:num_requests_running');
    assert.deepEqual(running?.labels, { model_name: 'm "x"', engine: '0' });
    assert.equal(running?.value, 3);
    assert.equal(samples.find((s) => s.name.endsWith('_bucket'))?.labels['le'], '+Inf');
    assert.ok(Number.isNaN(metricValue(samples, 'weird')));
    assert.equal(metricValue(samples, 'neg'), -Infinity);
    assert.equal(metricValue(samples, 'absent'), undefined);
  });
});

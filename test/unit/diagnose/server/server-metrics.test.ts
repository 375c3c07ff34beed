import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readServerMetrics } from '../../../../src/diagnose/server/server-metrics.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'diagnose');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const without = (text: string, name: string): string =>
  text
    .split('\n')
    .filter((l) => !l.includes(name))
    .join('\n');

describe('readServerMetrics on llama.cpp', () => {
  it('reads a real llama-server scrape taken mid-request (build 11669: no KV cache gauge)', () => {
    assert.deepEqual(readServerMetrics(fixture('llama-metrics-busy.txt')), {
      flavour: 'llama.cpp',
      promptTokensTotal: 13,
      outputTokensTotal: 0,
      processing: 1,
      deferred: 0,
    });
  });

  it('reads the counters after the request ended', () => {
    assert.deepEqual(readServerMetrics(fixture('llama-metrics-after.txt')), {
      flavour: 'llama.cpp',
      promptTokensTotal: 13,
      outputTokensTotal: 400,
      processing: 0,
      deferred: 0,
    });
  });

  it('reads kv_cache_usage_ratio where an old build still has it', () => {
    const text = [
      '# TYPE llamacpp:prompt_tokens_total counter',
      'llamacpp:prompt_tokens_total 500',
      'llamacpp:tokens_predicted_total 900',
      'llamacpp:kv_cache_usage_ratio 0.25',
      'llamacpp:kv_cache_tokens 1024',
      'llamacpp:requests_processing 4',
      'llamacpp:requests_deferred 2',
    ].join('\n');
    assert.deepEqual(readServerMetrics(text), {
      flavour: 'llama.cpp',
      promptTokensTotal: 500,
      outputTokensTotal: 900,
      processing: 4,
      deferred: 2,
      kvCacheUsage: 0.25,
    });
  });
});

describe('readServerMetrics on vLLM', () => {
  it('sums counters and queue gauges across engines and takes the fullest KV cache', () => {
    const { histograms, ...scrape } = readServerMetrics(fixture('vllm-metrics.txt'));
    assert.deepEqual(scrape, {
      flavour: 'vllm',
      promptTokensTotal: 120450 + 98311,
      outputTokensTotal: 48012 + 40100,
      processing: 12,
      deferred: 4,
      kvCacheUsage: 0.58,
    });
    assert.deepEqual(Object.keys(histograms ?? {}), ['ttft', 'queue', 'e2e']);
  });

  it('keeps the TTFT, queue-time and end-to-end buckets, summed across engines, +Inf included', () => {
    const { histograms } = readServerMetrics(fixture('vllm-metrics.txt'));
    assert.equal(histograms?.ttft?.size, 23);
    assert.equal(histograms?.ttft?.get(0.02), 4);
    assert.equal(histograms?.ttft?.get(0.1), 240);
    assert.equal(histograms?.ttft?.get(Infinity), 384);
    assert.equal(histograms?.queue?.get(0.3), 300);
    assert.equal(histograms?.queue?.get(Infinity), 384);
    assert.equal(histograms?.e2e?.get(2.5), 102);
    // Other histograms (inter-token latency, prompt tokens) are not kept.
    assert.equal(Object.keys(histograms ?? {}).length, 3);
  });

  it('prefers kv_cache_usage_perc over the deprecated gpu_cache_usage_perc', () => {
    const text = [
      'vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.3',
      'vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.9',
    ].join('\n');
    assert.equal(readServerMetrics(text).kvCacheUsage, 0.3);
  });

  it('falls back to gpu_cache_usage_perc on releases without kv_cache_usage_perc', () => {
    const text = without(fixture('vllm-metrics.txt'), 'vllm:kv_cache_usage_perc');
    assert.equal(readServerMetrics(text).kvCacheUsage, 0.58);
  });

  it('reads counters exposed without the _total suffix', () => {
    const text = [
      'vllm:prompt_tokens{model_name="m"} 70',
      'vllm:generation_tokens{model_name="m"} 30',
      'vllm:num_requests_running{model_name="m"} 1',
    ].join('\n');
    const { histograms, ...scrape } = readServerMetrics(text);
    assert.deepEqual(scrape, {
      flavour: 'vllm',
      promptTokensTotal: 70,
      outputTokensTotal: 30,
      processing: 1,
    });
    assert.equal(histograms?.ttft, undefined);
  });

  it('skips NaN gauges', () => {
    const text = [
      'vllm:kv_cache_usage_perc{engine="0",model_name="m"} NaN',
      'vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.1',
      'vllm:num_requests_waiting{engine="0",model_name="m"} NaN',
    ].join('\n');
    const scrape = readServerMetrics(text);
    assert.equal(scrape.kvCacheUsage, 0.1);
    assert.equal(scrape.deferred, undefined);
  });
});

describe('readServerMetrics on anything else', () => {
  it('says unknown for a /metrics with neither llamacpp:* nor vllm:* series', () => {
    const text = '# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12.5\n';
    assert.deepEqual(readServerMetrics(text), { flavour: 'unknown' });
    assert.deepEqual(readServerMetrics(''), { flavour: 'unknown' });
  });
});

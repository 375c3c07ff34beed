import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SimMetrics } from '../../../src/sim/metrics.ts';

function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (name && value && !line.startsWith('#')) samples.set(name, Number(value));
  }
  return samples;
}

describe('SimMetrics', () => {
  it('renders llama.cpp names with HELP and TYPE lines and no labels', () => {
    const metrics = new SimMetrics();
    const text = metrics.renderPrometheus({ processing: 2, deferred: 3 });
    assert.match(text, /^# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed\.\n/);
    assert.match(text, /# TYPE llamacpp:requests_deferred gauge\nllamacpp:requests_deferred 3\n/);
    assert.ok(text.endsWith('\n'));
    const names = [...parse(text).keys()];
    assert.equal(names.length, 10);
    assert.ok(names.every((n) => /^llamacpp:[a-z_]+$/.test(n)));
  });

  it('accumulates totals and resets the throughput window on each scrape', () => {
    const metrics = new SimMetrics();
    metrics.recordPrompt(100, 500);
    metrics.recordGeneration(20, 1000);
    metrics.recordDecode(2);
    metrics.recordDecode(4);
    const first = parse(metrics.renderPrometheus({ processing: 0, deferred: 0 }));
    assert.equal(first.get('llamacpp:prompt_tokens_total'), 100);
    assert.equal(first.get('llamacpp:prompt_seconds_total'), 0.5);
    assert.equal(first.get('llamacpp:tokens_predicted_total'), 20);
    assert.equal(first.get('llamacpp:prompt_tokens_seconds'), 200);
    assert.equal(first.get('llamacpp:predicted_tokens_seconds'), 20);
    assert.equal(first.get('llamacpp:n_decode_total'), 2);
    assert.equal(first.get('llamacpp:n_busy_slots_per_decode'), 3);
    const second = parse(metrics.renderPrometheus({ processing: 0, deferred: 0 }));
    assert.equal(second.get('llamacpp:prompt_tokens_total'), 100);
    assert.equal(second.get('llamacpp:prompt_tokens_seconds'), 0);
  });
});

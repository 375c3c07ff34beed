import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrometheus } from '../../../src/server-metrics/parse-prometheus.ts';
import { readHistogram, windowQuantile } from '../../../src/server-metrics/histogram-window.ts';

// vLLM labels every series; two engines' buckets add up.
const scrape = (a: number[], b: number[]): string =>
  ['0.1', '0.5', '1.0', '+Inf']
    .flatMap((le, i) => [
      `vllm:time_to_first_token_seconds_bucket{engine="0",le="${le}",model_name="m"} ${a[i]}`,
      `vllm:time_to_first_token_seconds_bucket{engine="1",le="${le}",model_name="m"} ${b[i]}`,
    ])
    .join('\n');

describe('histogram windows', () => {
  it('sums buckets across labels, keyed by upper bound', () => {
    const buckets = readHistogram(
      parsePrometheus(scrape([1, 2, 3, 3], [0, 1, 1, 2])),
      'vllm:time_to_first_token_seconds',
    );
    assert.deepEqual(
      [...(buckets ?? new Map()).entries()],
      [
        [0.1, 1],
        [0.5, 3],
        [1, 4],
        [Infinity, 5],
      ],
    );
    assert.equal(readHistogram(parsePrometheus('x_bucket{le="1"} 3'), 'vllm:other'), undefined);
  });

  it('takes the quantile of what was observed between two scrapes, interpolating inside the bucket', () => {
    const name = 'vllm:time_to_first_token_seconds';
    const before = readHistogram(parsePrometheus(scrape([10, 10, 10, 10], [0, 0, 0, 0])), name);
    // In the window: 0 under 0.1 s, 8 in (0.1, 0.5], 2 in (0.5, 1.0].
    const after = readHistogram(parsePrometheus(scrape([10, 18, 20, 20], [0, 0, 0, 0])), name);
    assert.ok(after);
    assert.equal(windowQuantile(before, after, 0.5), 0.1 + 0.4 * (5 / 8));
    assert.equal(windowQuantile(before, after, 0.95), 0.5 + 0.5 * ((9.5 - 8) / 2));
    assert.equal(windowQuantile(after, after, 0.95), undefined, 'nothing observed');
  });

  it('reads a quantile that falls in +Inf as the highest finite bound', () => {
    const after = readHistogram(
      parsePrometheus(scrape([0, 0, 1, 10], [0, 0, 0, 0])),
      'vllm:time_to_first_token_seconds',
    );
    assert.ok(after);
    assert.equal(windowQuantile(undefined, after, 0.95), 1);
  });
});

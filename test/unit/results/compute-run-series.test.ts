import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricPoint } from '../../../src/results/read-metric-points.ts';
import { computeRunSeries } from '../../../src/results/compute-run-series.ts';

const T0 = Date.UTC(2026, 7, 21, 7, 0, 0);

function p(metric: string, seconds: number, value: number, tags = {}, requestId?: string): MetricPoint {
  return {
    metric,
    time: T0 + seconds * 1000,
    value,
    tags,
    metadata: requestId ? { request_id: requestId } : {},
  };
}

/** The points recordLlmResult emits for one successful request, in its order. */
function request(
  id: string,
  at: number,
  r: { ttft: number; e2e: number; tokens: number; itl?: number[] },
): MetricPoint[] {
  const points = [
    p('llm_errors', at, 0, {}, id),
    p('llm_e2e', at, r.e2e, {}, id),
    p('llm_ttft', at, r.ttft, {}, id),
  ];
  for (const gap of r.itl ?? []) points.push(p('llm_itl', at, gap, {}, id));
  points.push(
    p('llm_output_tokens', at, r.tokens, {}, id),
    p('llm_output_tokens_total', at, r.tokens, {}, id),
  );
  if (r.tokens > 1) points.push(p('llm_tpot', at, (r.e2e - r.ttft) / (r.tokens - 1), {}, id));
  return points;
}

const points: MetricPoint[] = [
  p('vus', 0.5, 1),
  ...request('1-0', 0.8, { ttft: 100, e2e: 1000, tokens: 10, itl: [50, 70] }),
  p('vus', 1.2, 1),
  p('vus', 1.7, 2),
  ...request('1-1', 1.3, { ttft: 200, e2e: 2000, tokens: 20 }),
  ...request('2-0', 1.9, { ttft: 400, e2e: 3000, tokens: 30 }),
  p('llm_errors', 1.95, 1, { error_kind: 'http_503' }, '2-1'),
  p('vus', 2.5, 2),
  ...request('1-2', 2.1, { ttft: 300, e2e: 1500, tokens: 1 }),
  p('llm_errors', 2.2, 1, { error_kind: 'timeout' }),
  p('llm_e2e', 2.3, 999, {}, 'never-started'),
  p('iteration_duration', 2.9, 2500),
  p('dropped_iterations', 2.9, 3),
  // Bucket 4 has no vus sample: the gauge holds 2.
  p('llm_output_tokens_total', 4.5, 8),
];

describe('computeRunSeries', () => {
  it('buckets requests, failures, token rates and vus per second', async () => {
    const series = await computeRunSeries(points, { startMs: T0 });
    const b = series.buckets;
    assert.equal(b.length, 5);
    assert.deepEqual(
      b.map((x) => [x.t, x.activeVus, x.vusSteady, x.requests, x.failed]),
      [
        [0, 1, true, 1, 0],
        [1, 2, false, 3, 1],
        [2, 2, true, 2, 1],
        [3, 2, true, 0, 0],
        [4, 2, true, 0, 0],
      ],
    );
    assert.deepEqual(
      b.map((x) => x.outputTokensPerSecond),
      [10, 50, 1, 0, 8],
    );
    assert.equal(b[1]?.requestsPerSecond, 3);
    assert.deepEqual(b[1]?.errorsByKind, { http_503: 1 });
    assert.deepEqual(b[2]?.errorsByKind, { timeout: 1 });
    // One iteration started at 0.4 s (2.9 s - 2500 ms) and three were dropped at 2.9 s.
    assert.deepEqual(
      b.map((x) => x.offeredPerSecond),
      [1, 0, 3, 0, 0],
    );
  });

  it('gives TTFT p50/p95 and E2E p95 within each bucket, k6-interpolated, and undefined when none', async () => {
    const { buckets } = await computeRunSeries(points, { startMs: T0 });
    // [200, 400]: p50 = 300, p95 = 200 + 200 * 0.95; E2E [2000, 3000]: 2000 + 1000 * 0.95.
    assert.equal(buckets[1]?.ttftP50Ms, 300);
    assert.equal(buckets[1]?.ttftP95Ms, 390);
    assert.equal(buckets[1]?.e2eP95Ms, 2950);
    assert.equal(buckets[0]?.ttftP95Ms, 100);
    // The orphan E2E (999) still lands in its bucket: [999, 1500] -> 999 + 501 * 0.95.
    assert.ok(Math.abs((buckets[2]?.e2eP95Ms ?? 0) - 1474.95) < 1e-9);
    assert.equal(buckets[3]?.ttftP50Ms, undefined);
    assert.equal(buckets[3]?.e2eP95Ms, undefined);
  });

  it('joins each request over its points by request_id, and counts what cannot be joined', async () => {
    const { requests } = await computeRunSeries(points, { startMs: T0 });
    assert.deepEqual(requests.records, [
      { id: '1-0', endMs: T0 + 800, failed: false, e2eMs: 1000, ttftMs: 100, outputTokens: 10, tpotMs: 100 },
      {
        id: '1-1',
        endMs: T0 + 1300,
        failed: false,
        e2eMs: 2000,
        ttftMs: 200,
        outputTokens: 20,
        tpotMs: 1800 / 19,
      },
      {
        id: '2-0',
        endMs: T0 + 1900,
        failed: false,
        e2eMs: 3000,
        ttftMs: 400,
        outputTokens: 30,
        tpotMs: 2600 / 29,
      },
      { id: '2-1', endMs: T0 + 1950, failed: true, errorKind: 'http_503' },
      { id: '1-2', endMs: T0 + 2100, failed: false, e2eMs: 1500, ttftMs: 300, outputTokens: 1 },
    ]);
    assert.equal(requests.unjoinable, 1);
    assert.equal(requests.orphanPoints, 1);
  });

  it('collects the latency distributions, sorted', async () => {
    const { distributions } = await computeRunSeries(points, { startMs: T0 });
    assert.deepEqual(distributions.ttft, { count: 4, sampled: false, values: [100, 200, 300, 400] });
    assert.deepEqual(distributions.itl, { count: 2, sampled: false, values: [50, 70] });
    assert.deepEqual(distributions.e2e.values, [999, 1000, 1500, 2000, 3000]);
    assert.equal(distributions.tpot.count, 3);
  });

  it('keeps a bounded, seeded sample of a large distribution', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => p('llm_itl', 0, i));
    const first = await computeRunSeries(many, { startMs: T0, reservoirSize: 50 });
    const again = await computeRunSeries(many, { startMs: T0, reservoirSize: 50 });
    assert.equal(first.distributions.itl.count, 1000);
    assert.equal(first.distributions.itl.sampled, true);
    assert.equal(first.distributions.itl.values.length, 50);
    assert.deepEqual(first.distributions.itl.values, again.distributions.itl.values);
    assert.deepEqual(
      first.distributions.itl.values,
      [...first.distributions.itl.values].sort((a, b) => a - b),
    );
    // A uniform sample of 0..999 reaches well past the first 50 values.
    assert.ok((first.distributions.itl.values.at(-1) ?? 0) > 500);
  });

  it('honours bucketMs and extends the buckets to endMs, cutting the last one', async () => {
    const series = await computeRunSeries([p('llm_errors', 0.7, 0), p('llm_output_tokens_total', 0.7, 5)], {
      startMs: T0,
      bucketMs: 500,
      endMs: T0 + 1750,
    });
    assert.deepEqual(
      series.buckets.map((b) => [b.t, b.seconds, b.requests, b.outputTokensPerSecond]),
      [
        [0, 0.5, 0, 0],
        [0.5, 0.5, 1, 10],
        [1, 0.5, 0, 0],
        [1.5, 0.25, 0, 0],
      ],
    );
    assert.equal(series.lastPointMs, T0 + 700);
    assert.equal(series.buckets[0]?.activeVus, undefined);
  });

  it('reads an async iterable', async () => {
    async function* stream(): AsyncGenerator<MetricPoint> {
      yield p('llm_errors', 0.1, 1, { error_kind: 'timeout' });
    }
    const series = await computeRunSeries(stream(), { startMs: T0 });
    assert.equal(series.buckets[0]?.failed, 1);
  });
});

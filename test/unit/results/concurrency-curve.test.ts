import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeConcurrencyCurve } from '../../../src/results/concurrency-curve.ts';
import type { BucketLatencies, SeriesBucket } from '../../../src/results/run-series.ts';

interface Spec {
  vus?: number;
  steady?: boolean;
  offered?: number;
  requests?: number;
  failed?: number;
  tokens?: number;
  e2e?: number[];
  ttft?: number[];
}

function seriesOf(specs: Spec[]): { buckets: SeriesBucket[]; bucketLatencies: BucketLatencies[] } {
  return {
    buckets: specs.map((s, i) => ({
      t: i,
      seconds: 1,
      ...(s.vus !== undefined ? { activeVus: s.vus } : {}),
      vusSteady: s.steady ?? true,
      requests: s.requests ?? 0,
      failed: s.failed ?? 0,
      requestsPerSecond: s.requests ?? 0,
      outputTokensPerSecond: s.tokens ?? 0,
      promptTokensPerSecond: 0,
      offeredPerSecond: s.offered ?? 0,
      errorsByKind: {},
    })),
    bucketLatencies: specs.map((s) => ({ ttftMs: s.ttft ?? [], e2eMs: s.e2e ?? [] })),
  };
}

describe('computeConcurrencyCurve (MODE=vus)', () => {
  const series = seriesOf([
    { vus: 1, requests: 9, tokens: 999 }, // first bucket of level 1: left out
    { vus: 1, requests: 2, tokens: 100, e2e: [1000], ttft: [100] },
    { vus: 1, requests: 2, tokens: 120, e2e: [1200], ttft: [120] },
    { vus: 2, steady: false, requests: 9, tokens: 999 }, // ramp
    { vus: 2, requests: 9, tokens: 999 }, // first steady bucket after the ramp
    { vus: 2, requests: 4, failed: 1, tokens: 200, e2e: [2000, 3000], ttft: [200, 400] },
    { vus: 2, requests: 4, tokens: 220, e2e: [2500], ttft: [300] },
    { vus: 1, steady: false, requests: 9 }, // ramp back down
    { vus: 1, requests: 9 },
    { vus: 1, requests: 2, tokens: 110, e2e: [1100], ttft: [110] },
    { vus: 0 },
    { vus: 0 },
  ]);
  const curve = computeConcurrencyCurve(series);

  it('groups steady buckets by level, leaving out ramps, first buckets and level 0', () => {
    assert.equal(curve.levelKind, 'vus');
    assert.deepEqual(
      curve.levels.map((l) => [l.concurrency, l.buckets, l.requests, l.failed]),
      [
        [1, 3, 6, 0],
        [2, 2, 8, 1],
      ],
    );
  });

  it('gives mean rates, pooled p95 latencies and the error share per level', () => {
    const [one, two] = curve.levels;
    assert.equal(one?.outputTokensPerSecond, 110);
    assert.equal(one?.requestsPerSecond, 2);
    // E2E [1000, 1100, 1200]: i = 1.9 -> 1100 + 100 * 0.9.
    assert.equal(one?.e2eP95Ms, 1190);
    assert.equal(one?.ttftP95Ms, 119);
    assert.equal(one?.errorShare, 0);
    assert.equal(two?.outputTokensPerSecond, 210);
    // E2E [2000, 2500, 3000]: 2500 + 500 * 0.9.
    assert.equal(two?.e2eP95Ms, 2950);
    assert.equal(two?.ttftP95Ms, 390);
    assert.equal(two?.errorShare, 0.125);
  });

  it('leaves latencies and error share undefined where nothing finished', () => {
    const quiet = computeConcurrencyCurve(seriesOf([{ vus: 3 }, { vus: 3 }]));
    assert.deepEqual(quiet.levels, [
      {
        concurrency: 3,
        buckets: 1,
        seconds: 1,
        requests: 0,
        failed: 0,
        requestsPerSecond: 0,
        outputTokensPerSecond: 0,
      },
    ]);
  });
});

describe('computeConcurrencyCurve (MODE=rate)', () => {
  it('levels by the offered rate, averaged over 5 buckets and rounded to 0.5 req/s', () => {
    // k6 spaces 2.5 arrivals/s evenly: whole buckets see 2 or 3.
    const offered = [2, 3, 2, 3, 2, 3, 2, 3, 6, 6, 6, 6, 6, 6];
    const curve = computeConcurrencyCurve(
      seriesOf(offered.map((o) => ({ offered: o, vus: o, steady: false, requests: 1, tokens: 10 * o }))),
      { levelBy: 'rate' },
    );
    // Windows: ..., [2,3,2,3,6] = 3.2 -> 3 (bucket 6), [3,2,3,6,6] = 4 (7), [2,3,6,6,6] = 4.6 -> 4.5 (8),
    // [3,6,6,6,6] = 5.4 -> 5.5 (9), then 6: buckets 1-5 make 2.5, 11-13 make 6; lone levels count nothing.
    assert.equal(curve.levelKind, 'rate');
    assert.deepEqual(
      curve.levels.map((l) => [l.concurrency, l.buckets, l.outputTokensPerSecond]),
      [
        [2.5, 5, 26],
        [6, 3, 60],
      ],
    );
  });
});

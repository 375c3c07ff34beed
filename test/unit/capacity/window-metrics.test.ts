import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindowMetrics } from '../../../src/capacity/window-metrics.ts';
import type { RequestRecord } from '../../../src/results/run-series.ts';

const record = (id: number, endMs: number, fields: Partial<RequestRecord> = {}): RequestRecord => ({
  id: String(id),
  endMs,
  failed: false,
  ttftMs: 100,
  tpotMs: 20,
  e2eMs: 500,
  outputTokens: 10,
  ...fields,
});

describe('computeWindowMetrics', () => {
  it('counts only the requests that finished inside the window', () => {
    const records = [
      record(1, 500),
      ...Array.from({ length: 20 }, (_, i) => record(i + 2, 1000 + i * 500)),
      record(99, 11_000),
    ];
    const m = computeWindowMetrics(records, 1000, 11_000, { ttftMs: 2000 });
    assert.equal(m.requests, 20);
    assert.equal(m.seconds, 10);
    assert.equal(m.throughput, 2);
    assert.equal(m.goodput, 2);
    assert.equal(m.outputTokensPerSecond, 20);
    assert.equal(m.inFlight, 1, '2 a second for 0.5 s');
  });

  it('keeps failures out of goodput and latency, and SLO misses out of goodput', () => {
    const records = [
      record(1, 1000, { failed: true, errorKind: 'http_500', e2eMs: 9000 }),
      record(2, 1100, { ttftMs: 3000 }),
      record(3, 1200),
      record(4, 1300),
    ];
    const m = computeWindowMetrics(records, 1000, 2000, { ttftMs: 2000, tpotMs: 100 });
    assert.equal(m.failed, 1);
    assert.equal(m.errorShare, 0.25);
    assert.equal(m.goodput, 2);
    assert.equal(m.e2eP95, 500);
  });

  it('has no latency without a successful request', () => {
    const m = computeWindowMetrics([], 0, 5000, {});
    assert.equal(m.requests, 0);
    assert.equal(m.ttftP95, undefined);
    assert.equal(m.inFlight, undefined);
  });
});

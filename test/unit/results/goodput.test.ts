import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeGoodput } from '../../../src/results/goodput.ts';
import type { RequestRecord } from '../../../src/results/run-series.ts';

const slo = { ttftMs: 200, tpotMs: 60, e2eMs: 2000 };

function ok(id: string, fields: Partial<RequestRecord>): RequestRecord {
  return { id, endMs: 0, failed: false, ...fields };
}

const records: RequestRecord[] = [
  ok('meets', { ttftMs: 100, tpotMs: 50, e2eMs: 1000, outputTokens: 10 }),
  ok('slow-first-token', { ttftMs: 300, tpotMs: 50, e2eMs: 1000, outputTokens: 10 }),
  ok('on-the-limit', { ttftMs: 200, tpotMs: 60, e2eMs: 2000, outputTokens: 10 }),
  { id: 'failed', endMs: 0, failed: true, errorKind: 'http_503' },
  ok('one-token', { ttftMs: 100, e2eMs: 500, outputTokens: 1 }),
  ok('no-usage', { ttftMs: 100, e2eMs: 500 }),
  ok('slow-overall', { ttftMs: 100, tpotMs: 50, e2eMs: 2500, outputTokens: 10 }),
];

describe('computeGoodput', () => {
  it('counts successful requests meeting every target (<=), per second and as a share of all', () => {
    const result = computeGoodput({ records, unjoinable: 0 }, slo, 10);
    assert.deepEqual(result, {
      slo,
      total: 7,
      unjoinable: 0,
      met: 3,
      share: 3 / 7,
      goodputPerSecond: 0.3,
      ignoredTargets: [],
    });
  });

  it('checks only the targets given', () => {
    const result = computeGoodput({ records, unjoinable: 0 }, { e2eMs: 2000 }, 10);
    // All but the failed and the slow-overall requests.
    assert.equal(result.met, 5);
  });

  it('refuses to guess when some requests have no request_id', () => {
    const result = computeGoodput({ records, unjoinable: 2 }, slo, 10);
    assert.deepEqual(result, { slo, total: 9, unjoinable: 2, ignoredTargets: [], reason: 'unjoinable' });
  });

  it('says when nothing finished, and when no target is left to check', () => {
    assert.equal(computeGoodput({ records: [], unjoinable: 0 }, slo, 10).reason, 'no-requests');
    const none = computeGoodput({ records, unjoinable: 0 }, {}, 10);
    assert.equal(none.reason, 'no-targets');
    assert.equal(none.met, undefined);
  });

  it('does not check a target no successful request measured (TTFT without streaming)', () => {
    const blocking = [
      ok('a', { e2eMs: 900, tpotMs: 10, outputTokens: 5 }),
      ok('b', { e2eMs: 3000, tpotMs: 10, outputTokens: 5 }),
    ];
    const result = computeGoodput({ records: blocking, unjoinable: 0 }, slo, 4);
    assert.deepEqual(result.ignoredTargets, ['ttftMs']);
    assert.equal(result.met, 1);
    assert.equal(result.goodputPerSecond, 0.25);
  });

  it('gives zero, not an excuse, when every request failed', () => {
    const failed: RequestRecord[] = [{ id: 'x', endMs: 0, failed: true }];
    const result = computeGoodput({ records: failed, unjoinable: 0 }, slo, 5);
    assert.equal(result.met, 0);
    assert.equal(result.share, 0);
    assert.deepEqual(result.ignoredTargets, []);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrendSink } from '../../../../src/engine/metrics/trend-sink.ts';
import { parseTrendStat, resolveTrendStat } from '../../../../src/engine/metrics/trend-stats.ts';

describe('trend stats', () => {
  it('parses fixed stats and percentiles such as p(99.9)', () => {
    assert.deepEqual(parseTrendStat('count'), { kind: 'count' });
    assert.deepEqual(parseTrendStat('p(99.9)'), { kind: 'percentile', percentile: 99.9 });
    assert.deepEqual(parseTrendStat('p(0)'), { kind: 'percentile', percentile: 0 });
  });

  it('rejects unknown stats and percentiles outside 0..100', () => {
    assert.throws(() => parseTrendStat('mean'), /invalid trend stat 'mean'/);
    assert.throws(() => parseTrendStat('p(101)'), /between 0 and 100/);
    assert.throws(() => parseTrendStat('p(x)'), /between 0 and 100/);
    assert.throws(() => parseTrendStat('p()'), /between 0 and 100/);
  });

  it('resolves stats over a sink', () => {
    const sink = new TrendSink();
    for (let i = 1; i <= 10; i++) sink.add(i);
    const get = (stat: string): number => resolveTrendStat(sink, parseTrendStat(stat));
    assert.deepEqual(['avg', 'min', 'med', 'max', 'count'].map(get), [5.5, 1, 5.5, 10, 10]);
    assert.ok(Math.abs(get('p(90)') - 9.1) < 1e-12);
    assert.ok(Math.abs(get('p(99.9)') - 9.991) < 1e-12);
  });
});

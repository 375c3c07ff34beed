import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CounterSink } from '../../../../src/engine/metrics/counter-sink.ts';
import { GaugeSink } from '../../../../src/engine/metrics/gauge-sink.ts';
import { RateSink } from '../../../../src/engine/metrics/rate-sink.ts';
import { createSink } from '../../../../src/engine/metrics/sink.ts';

describe('CounterSink', () => {
  it('sums values and divides by the test-run seconds', () => {
    const sink = new CounterSink();
    assert.ok(sink.isEmpty());
    sink.add(3);
    sink.add(7);
    assert.equal(sink.count, 10);
    assert.equal(sink.rate(2000), 5);
    assert.equal(sink.rate(0), 0);
    assert.ok(!sink.isEmpty());
  });

  it('is not empty after a zero-valued sample', () => {
    const sink = new CounterSink();
    sink.add(0);
    assert.ok(!sink.isEmpty());
  });
});

describe('GaugeSink', () => {
  it('keeps the last value with min and max', () => {
    const sink = new GaugeSink();
    for (const v of [5, 2, 9, 4]) sink.add(v);
    assert.deepEqual([sink.value, sink.min, sink.max], [4, 2, 9]);
  });

  it('seeds max from the first sample (the v1.3 max=0 bug is fixed)', () => {
    const sink = new GaugeSink();
    sink.add(-5);
    sink.add(-7);
    assert.deepEqual([sink.value, sink.min, sink.max], [-7, -7, -5]);
  });
});

describe('RateSink', () => {
  it('counts non-zero values as passes', () => {
    const sink = new RateSink();
    for (const v of [1, 0, 0.5, -1, 0]) sink.add(v);
    assert.deepEqual([sink.passes, sink.fails, sink.total], [3, 2, 5]);
    assert.equal(sink.rate, 0.6);
  });

  it('has rate 0 when empty', () => {
    assert.equal(new RateSink().rate, 0);
    assert.ok(new RateSink().isEmpty());
  });
});

describe('createSink', () => {
  it('creates the sink for each type', () => {
    assert.deepEqual(
      (['counter', 'gauge', 'rate', 'trend'] as const).map((t) => createSink(t).type),
      ['counter', 'gauge', 'rate', 'trend'],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  constantArrivalStarts,
  rampingArrivalStarts,
} from '../../../../src/engine/execution/arrival-plan.ts';

const take = (iterator: Iterable<number>, count: number): number[] => {
  const values: number[] = [];
  for (const value of iterator) {
    if (values.length === count) break;
    values.push(value);
  }
  return values;
};

describe('constantArrivalStarts', () => {
  it('starts iteration i at i*timeUnit/rate, the first at 0', () => {
    assert.deepEqual(take(constantArrivalStarts(4, 1000), 5), [0, 250, 500, 750, 1000]);
    assert.deepEqual(take(constantArrivalStarts(3, 60_000), 3), [0, 20_000, 40_000]);
  });

  it('keeps k6 ticker precision (whole nanoseconds) for periods that do not divide evenly', () => {
    const starts = take(constantArrivalStarts(3, 1000), 4);
    starts.forEach((t, i) => assert.ok(Math.abs(t - (i * 1000) / 3) < 1e-5, `start ${i} at ${t}`));
  });

  it('yields only starts strictly before the duration', () => {
    assert.deepEqual([...constantArrivalStarts(10, 1000, 500)], [0, 100, 200, 300, 400]);
  });

  it('is lazy, so unbounded schedules cost nothing up front', () => {
    const iterator = constantArrivalStarts(1_000_000, 1000)[Symbol.iterator]();
    assert.equal(iterator.next().value, 0);
    assert.equal(iterator.next().value, 0.001);
  });
});

describe('rampingArrivalStarts', () => {
  it('at a constant rate r starts the first iteration at 1/r, not 0', () => {
    const starts = [...rampingArrivalStarts(5, 1000, [{ durationMs: 1000, target: 5 }])];
    assert.deepEqual(starts, [200, 400, 600, 800, 1000]);
  });

  it('ramping 0 -> 10/s over 10s starts iteration i at sqrt(2i) s', () => {
    const starts = [...rampingArrivalStarts(0, 1000, [{ durationMs: 10_000, target: 10 }])];
    assert.equal(starts.length, 50);
    starts.forEach((t, index) => {
      const expected = Math.sqrt(2 * (index + 1)) * 1000;
      assert.ok(Math.abs(t - expected) < 1e-3, `iteration ${index + 1}: ${t} vs ${expected}`);
    });
  });

  it('follows the integral across stages, carrying partial iterations over', () => {
    // 2/s for 5s (10 iterations), then 2 -> 3/s over 5s (12.5 more)
    const starts = [
      ...rampingArrivalStarts(2, 1000, [
        { durationMs: 5000, target: 2 },
        { durationMs: 5000, target: 3 },
      ]),
    ];
    assert.equal(starts.length, 22);
    assert.equal(starts[9], 5000);
    // the 11th iteration is where 2x + x^2/10 = 1 within the second stage
    const x = (-2 + Math.sqrt(4 + 0.4)) / 0.2;
    assert.ok(Math.abs((starts[10] ?? 0) - (5000 + x * 1000)) < 1e-3);
    for (let i = 1; i < starts.length; i++) assert.ok((starts[i] ?? 0) > (starts[i - 1] ?? 0));
  });

  it('handles timeUnit, ramps down and 0 rate stages', () => {
    // 60 per minute = 1/s for 2s, then nothing for 1s, then a ramp 0 -> 120/min (2/s) over 2s = 2 iterations
    const starts = [
      ...rampingArrivalStarts(60, 60_000, [
        { durationMs: 2000, target: 60 },
        { durationMs: 0, target: 0 },
        { durationMs: 1000, target: 0 },
        { durationMs: 2000, target: 120 },
      ]),
    ];
    assert.equal(starts.length, 4);
    // float truncation to whole ns, as in k6: 1/(60/60e9) is a hair under 1e9
    assert.ok(Math.abs((starts[0] ?? 0) - 1000) < 1e-5 && Math.abs((starts[1] ?? 0) - 2000) < 1e-5);
    assert.ok(Math.abs((starts[2] ?? 0) - (3000 + Math.sqrt(2) * 1000)) < 1e-3);
    assert.ok(Math.abs((starts[3] ?? 0) - 5000) < 1e-3);
    const down = [...rampingArrivalStarts(10, 1000, [{ durationMs: 2000, target: 0 }])];
    assert.equal(down.length, 10);
    assert.ok(Math.abs((down[0] ?? 0) - 1000 * (2 - Math.sqrt(4 - 0.4))) < 1e-3);
  });
});

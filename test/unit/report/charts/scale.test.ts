import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeLogTicks,
  computeNiceDomain,
  computeNiceTicks,
  createLinearScale,
  pickNiceStep,
  widenDomain,
} from '../../../../src/report/charts/scale.ts';

describe('pickNiceStep', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    assert.equal(pickNiceStep(100, 5), 20);
    assert.equal(pickNiceStep(100, 10), 10);
    assert.equal(pickNiceStep(7, 5), 2);
    assert.equal(pickNiceStep(0.3, 5), 0.1);
    assert.equal(pickNiceStep(4200, 5), 1000);
    assert.equal(pickNiceStep(2.5e-4, 5), 5e-5);
  });

  it('falls back to 1 for empty or broken spans', () => {
    assert.equal(pickNiceStep(0, 5), 1);
    assert.equal(pickNiceStep(Number.NaN, 5), 1);
    assert.equal(pickNiceStep(-3, 5), 1);
  });
});

describe('computeNiceTicks', () => {
  it('lists the multiples of the step inside the span, without float noise', () => {
    assert.deepEqual(computeNiceTicks(0, 100), [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(computeNiceTicks(3, 97), [20, 40, 60, 80]);
    assert.deepEqual(computeNiceTicks(0, 0.3), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(computeNiceTicks(0.1, 0.7, 6), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    assert.deepEqual(computeNiceTicks(-10, 10, 4), [-10, -5, 0, 5, 10]);
  });

  it('widens a zero-span domain instead of dividing by zero', () => {
    assert.deepEqual(computeNiceTicks(0, 0), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    const ticks = computeNiceTicks(50, 50);
    assert.ok(ticks.length >= 2 && ticks.includes(50), ticks.join());
  });
});

describe('computeNiceDomain', () => {
  it('extends the domain out to whole ticks', () => {
    assert.deepEqual(computeNiceDomain(3, 97), { domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    assert.deepEqual(computeNiceDomain(412, 488, 4).domain, [400, 500]);
    assert.deepEqual(computeNiceDomain(-0.7, 0.2, 5).domain, [-0.8, 0.2]);
  });

  it('pads a single value on both sides', () => {
    const { domain } = computeNiceDomain(100, 100);
    assert.ok(domain[0] < 100 && domain[1] > 100, domain.join());
  });
});

describe('widenDomain', () => {
  it('orders the bounds and widens empty spans', () => {
    assert.deepEqual(widenDomain(5, 1), [1, 5]);
    assert.deepEqual(widenDomain(0, 0), [0, 1]);
    assert.deepEqual(widenDomain(-20, -20), [-22, -18]);
  });
});

describe('createLinearScale', () => {
  it('maps the nice domain onto the range, inverted for y axes', () => {
    const scale = createLinearScale({ min: 3, max: 97, range: [300, 100] });
    assert.deepEqual(scale.domain, [0, 100]);
    assert.equal(scale.map(0), 300);
    assert.equal(scale.map(100), 100);
    assert.equal(scale.map(50), 200);
  });

  it('keeps the exact domain when not nice, with ticks inside it', () => {
    const scale = createLinearScale({ min: 1, max: 32, range: [0, 310], nice: false });
    assert.deepEqual(scale.domain, [1, 32]);
    assert.equal(scale.map(1), 0);
    assert.equal(scale.map(32), 310);
    assert.ok(scale.ticks.every((t) => t >= 1 && t <= 32));
  });

  it('pads the domain by a share of its span', () => {
    const scale = createLinearScale({ min: 0, max: 10, range: [0, 1], nice: false, padding: 0.1 });
    assert.deepEqual(scale.domain, [-1, 11]);
  });

  it('draws a constant at the middle of a finite range', () => {
    const scale = createLinearScale({ min: 7, max: 7, range: [0, 100], nice: false });
    assert.ok(Number.isFinite(scale.map(7)));
    assert.equal(scale.map(7), 50);
  });
});

describe('computeLogTicks', () => {
  it('puts 1, 2 and 5 in every decade', () => {
    assert.deepEqual(computeLogTicks(10, 1000), [10, 20, 50, 100, 200, 500, 1000]);
  });

  it('thins out over many decades', () => {
    const ticks = computeLogTicks(0.01, 1e6, 10);
    assert.ok(ticks.length <= 10, ticks.join());
    assert.ok(ticks.includes(1) && ticks.includes(1000), ticks.join());
  });

  it('falls back to linear ticks over a narrow range, and to none for non-positive bounds', () => {
    assert.deepEqual(computeLogTicks(120, 180), [120, 140, 160, 180]);
    assert.deepEqual(computeLogTicks(0, 10), []);
  });
});

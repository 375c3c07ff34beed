import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  batchMeanInterval,
  DEFAULT_STEADINESS,
  isRising,
  judgeSteadiness,
  t95,
  trendOf,
} from '../../../src/capacity/steadiness.ts';

const flat = (n: number, value: number): number[] => Array.from({ length: n }, () => value);

describe('batchMeanInterval', () => {
  it('is the t interval of the batch means, as a share of the mean', () => {
    const { mean, halfWidthShare } = batchMeanInterval([9, 11, 9, 11]);
    assert.equal(mean, 10);
    // sd = 1.1547, se = 0.5774, t(3) = 3.182
    assert.ok(Math.abs(halfWidthShare - (3.182 * 0.57735) / 10) < 1e-4, String(halfWidthShare));
  });

  it('is unbounded with one batch or nothing finished', () => {
    assert.equal(batchMeanInterval([5]).halfWidthShare, Number.POSITIVE_INFINITY);
    assert.equal(batchMeanInterval([0, 0, 0]).halfWidthShare, Number.POSITIVE_INFINITY);
  });

  it('uses 1.96 past 30 degrees of freedom', () => {
    assert.equal(t95(1), 12.706);
    assert.equal(t95(100), 1.96);
  });
});

describe('trendOf', () => {
  it('finds a significant rise and its size over the window', () => {
    const trend = trendOf([100, 110, 120, 130, 140, 150]);
    assert.ok(trend?.significant);
    // slope 10 over 5 batches = 50 on a mean of 125
    assert.ok(Math.abs((trend?.rise ?? 0) - 0.4) < 1e-9);
  });

  it('calls noise without a slope not significant, and skips batches without a value', () => {
    const trend = trendOf([100, 104, 98, undefined, 103, 97, 101]);
    assert.equal(trend?.significant, false);
    assert.equal(trendOf([1, undefined, 2]), undefined);
  });

  it('needs a rise above both the share and the absolute floor', () => {
    const small = trendOf([5, 6, 7, 8, 9]);
    assert.ok(small?.significant && small.rise > 0.1);
    assert.equal(isRising(small, 0.1, 50), false, '5 ms to 9 ms is no queue');
    assert.equal(isRising(trendOf([500, 600, 700, 800, 900]), 0.1, 50), true);
  });
});

describe('judgeSteadiness', () => {
  const batches = (throughput: number[], ttft: number[], inFlight: number[]) => ({
    batchSeconds: 2,
    throughput,
    ttft,
    inFlight,
  });

  it('is steady with a tight throughput and flat latency', () => {
    const s = judgeSteadiness(batches([10, 10.2, 9.9, 10.1, 10, 9.8], flat(6, 300), flat(6, 4)));
    assert.equal(s.state, 'steady', s.why);
    assert.match(s.why, /10\.00 req\/s \+-/);
  });

  it('waits for enough batches and a narrow interval', () => {
    assert.equal(judgeSteadiness(batches([10, 10, 10], flat(3, 300), flat(3, 4))).state, 'unsteady');
    const wide = judgeSteadiness(batches([6, 14, 7, 13, 5, 15], flat(6, 300), flat(6, 4)));
    assert.equal(wide.state, 'unsteady');
    assert.match(wide.why, /wider than \+-5\.0%/);
  });

  it('is unsteady while TTFT climbs, and a runaway when the queue climbs with it', () => {
    const climbing = [300, 360, 420, 480, 540, 600];
    const rising = judgeSteadiness(batches(flat(6, 10), climbing, flat(6, 4)));
    assert.equal(rising.state, 'unsteady');
    assert.match(rising.why, /TTFT rising/);
    const runaway = judgeSteadiness(
      batches(flat(6, 10), [300, 900, 1500, 2100, 2700, 3300], [4, 10, 16, 22, 28, 34]),
    );
    assert.equal(runaway.state, 'runaway');
    assert.match(runaway.why, /running away: TTFT up \d+% and requests in flight up \d+%/);
  });

  it('does not call a few stragglers at a low rate a runaway', () => {
    // 20 ms to 80 ms TTFT and 0.2 to 0.8 requests in flight: big shares, nothing in absolute terms.
    const s = judgeSteadiness(
      batches([2, 2, 2, 2, 2, 2], [20, 32, 44, 56, 68, 80], [0.2, 0.32, 0.44, 0.56, 0.68, 0.8]),
    );
    assert.notEqual(s.state, 'runaway');
  });

  it('keeps the default rule at +-5%', () => {
    assert.equal(DEFAULT_STEADINESS.ciShare, 0.05);
  });
});
